// GradBench's kmeans: cost = Σᵢ minⱼ |Cⱼ − Pᵢ|², and dir = J ./ diag(H), the Newton step of the
// cost in the centroids. H is diagonal (each point's term touches one centroid, coordinate by
// coordinate), so H·1 is its diagonal: one Hessian-vector product, forward over reverse.
import { EvalError } from '../errors';
import { matrix, objectInput } from './input';
import { primal, program, scalar, type EvalModule } from './module';

/** d is written into the program (one per d); points P and centroids C come flat, row-major. */
export const kmeansSource = (d: number): string => `# kmeans cost, d = ${d}
d = ${d}
n = length(P) / d
k = length(C) / d
cost = 0
for i = 0:n - 1 {
  closest = 0
  for j = 0:k - 1 {
    dist = 0
    for l = 1:d {
      diff = P[i * d + l] - C[j * d + l]
      dist = dist + diff * diff
    }
    if j == 0 { closest = dist } else { closest = min(closest, dist) }
  }
  cost = cost + closest
}
return cost`;

function workload(input: unknown) {
  const f = objectInput(input, 'kmeans');
  const P = matrix(f.points, 'input.points');
  const C = matrix(f.centroids, 'input.centroids');
  if (P.cols !== C.cols) throw new EvalError('shape', `input.points have ${P.cols} coordinates and input.centroids ${C.cols}`);
  return { fn: program(kmeansSource(P.cols)), at: { P: P.values, C: C.values }, k: C.rows, d: C.cols, budget: P.rows * C.rows * (C.cols + 1) + P.rows + 16 };
}

export const kmeans: EvalModule = {
  name: 'kmeans',
  functions: {
    cost(input) {
      const { fn, at, budget } = workload(input);
      const run = primal(fn, at, budget);
      return { run: () => scalar(run()) };
    },
    dir(input, method) {
      const { fn, at, k, d, budget } = workload(input);
      const options = { maxIterations: budget };
      // The points are inputs too (the language has no constant data): they take no part in
      // the direction, which is 0 on them and 1 on every centroid coordinate.
      const offset = at.P.length;
      const ones = [...new Array<number>(offset).fill(0), ...new Array<number>(k * d).fill(1)];
      return {
        run() {
          const J = method.gradient(fn, at, options).result;
          const H = method.hvp(fn, at, ones, options).result;
          return Array.from({ length: k }, (_, j) => Array.from({ length: d }, (_, l) => J[offset + j * d + l] / H[offset + j * d + l]));
        },
      };
    },
  },
};
