// GradBench's gmm: the log posterior of a Gaussian mixture with a Wishart prior on the precision
// matrices (ADBench's objective with GradBench's fixes), and its gradient in alpha, mu, q and l.
import { layoutOf } from '../diff/fn';
import { EvalError } from '../errors';
import { finiteNumber, matrix, numbers, objectInput, wholeNumber } from './input';
import { primal, program, scalar, type EvalModule } from './module';

/** log Γ(a) for a a positive multiple of ½, exactly by Γ(a + 1) = aΓ(a) from Γ(1) = 1 and
 *  Γ(½) = √π: the only arguments the prior's constant takes (so no lgamma primitive is needed). */
export function logGammaHalf(a: number): number {
  if (!(a > 0) || !Number.isInteger(2 * a)) throw new RangeError(`logGammaHalf takes a positive multiple of 1/2, got ${a}`);
  let out = Number.isInteger(a) ? 0 : 0.5 * Math.log(Math.PI);
  for (let b = Number.isInteger(a) ? 1 : 0.5; b < a; b++) out += Math.log(b);
  return out;
}

/** The multivariate log-gamma, log Γ_p(a). */
function logMultiGamma(a: number, p: number): number {
  let out = 0.25 * p * (p - 1) * Math.log(Math.PI);
  for (let j = 1; j <= p; j++) out += logGammaHalf(a + 0.5 * (1 - j));
  return out;
}

/** The objective as a program; the sizes, the prior's parameters and its constant are written
 *  in. Work vectors are copies of inputs, overwritten (the language has no zeros(n)). */
export function gmmSource(d: number, k: number, n: number, m: number, gamma: number): string {
  const dof = d + m + 1;
  const likelihoodConstant = -n * d * 0.5 * Math.log(2 * Math.PI);
  const priorConstant = dof * d * (Math.log(gamma) - 0.5 * Math.log(2)) - logMultiGamma(0.5 * dof, d);
  return `# gmm log posterior: d = ${d}, k = ${k}, n = ${n}
d = ${d}
k = ${k}
n = ${n}
m = ${m}
gamma = ${gamma}
lsz = d * (d - 1) / 2
# the diagonals of Q, exp(q), and each component's Σ q
Qd = q
sq = alpha
for c = 0:k - 1 {
  t = 0
  for j = 1:d {
    Qd[c * d + j] = exp(q[c * d + j])
    t = t + q[c * d + j]
  }
  sq[c + 1] = t
}
xc = mu
Qx = mu
main = alpha
slse = 0
for i = 0:n - 1 {
  for c = 0:k - 1 {
    for j = 1:d { xc[j] = x[i * d + j] - mu[c * d + j] }
    # Q (x − μ): the diagonal, then the strictly lower part, column by column
    for j = 1:d { Qx[j] = Qd[c * d + j] * xc[j] }
    idx = c * lsz
    for a = 1:d {
      for b = a + 1:d {
        idx = idx + 1
        Qx[b] = Qx[b] + l[idx] * xc[a]
      }
    }
    sn = 0
    for j = 1:d { sn = sn + Qx[j] * Qx[j] }
    main[c + 1] = alpha[c + 1] + sq[c + 1] - 0.5 * sn
  }
  mx = main[1]
  for c = 2:k { mx = max(mx, main[c]) }
  se = 0
  for c = 1:k { se = se + exp(main[c] - mx) }
  slse = slse + (log(se) + mx)
}
ma = alpha[1]
for c = 2:k { ma = max(ma, alpha[c]) }
sa = 0
for c = 1:k { sa = sa + exp(alpha[c] - ma) }
lsea = log(sa) + ma
prior = 0
for c = 0:k - 1 {
  fq = 0
  for j = 1:d { fq = fq + Qd[c * d + j] * Qd[c * d + j] }
  fl = 0
  for j = 1:lsz { fl = fl + l[c * lsz + j] * l[c * lsz + j] }
  prior = prior + (0.5 * gamma * gamma * (fq + fl) - m * sq[c + 1])
}
return ${likelihoodConstant} + slse - n * lsea + (-prior + k * ${priorConstant})`;
}

function workload(input: unknown) {
  const f = objectInput(input, 'gmm');
  const d = wholeNumber(f.d, 'input.d', 2);
  const k = wholeNumber(f.k, 'input.k', 1);
  const n = wholeNumber(f.n, 'input.n', 1);
  const m = wholeNumber(f.m, 'input.m', 0);
  const gamma = finiteNumber(f.gamma, 'input.gamma');
  if (!(gamma > 0)) throw new EvalError('type', `input.gamma must be > 0, got ${gamma}`);
  const alpha = numbers(f.alpha, 'input.alpha');
  const rows = (name: string, cols: number, count: number) => {
    const r = matrix(f[name], `input.${name}`);
    if (r.rows !== count || r.cols !== cols) throw new EvalError('shape', `input.${name} must be ${count} rows of ${cols} numbers, got ${r.rows} of ${r.cols}`);
    return r.values;
  };
  if (alpha.length !== k) throw new EvalError('shape', `input.alpha has ${alpha.length} numbers; k = ${k}`);
  const at = { alpha, mu: rows('mu', d, k), q: rows('q', d, k), l: rows('l', (d * (d - 1)) / 2, k), x: rows('x', d, n) };
  const lsz = (d * (d - 1)) / 2;
  // Per point and component: four loops over d and the lower part's lsz; per point two more over
  // k; before and after, loops over the components.
  const budget = n * (k * (4 * d + lsz + 3) + 1) + k * (3 * d + lsz + 6) + 64;
  return { fn: program(gmmSource(d, k, n, m, gamma)), at, d, k, lsz, budget };
}

export const gmm: EvalModule = {
  name: 'gmm',
  functions: {
    objective(input) {
      const { fn, at, budget } = workload(input);
      const run = primal(fn, at, budget);
      return { run: () => scalar(run()) };
    },
    jacobian(input, method) {
      const { fn, at, d, k, lsz, budget } = workload(input);
      const offsets = new Map(layoutOf(fn, at).entries.map((e) => [e.name, e.offset]));
      const rowsOf = (g: readonly number[], name: string, cols: number) =>
        Array.from({ length: k }, (_, c) => g.slice(offsets.get(name)! + c * cols, offsets.get(name)! + (c + 1) * cols));
      return {
        run() {
          // x is an input too (the language has no constant data); its part of ∇ is not asked for.
          const g = method.gradient(fn, at, { maxIterations: budget }).result;
          return { alpha: g.slice(offsets.get('alpha')!, offsets.get('alpha')! + k), mu: rowsOf(g, 'mu', d), q: rowsOf(g, 'q', d), l: rowsOf(g, 'l', lsz) };
        },
      };
    },
  },
};
