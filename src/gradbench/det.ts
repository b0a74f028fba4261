// GradBench's det: the determinant by expansion by minors along the first row (cmpad's
// det_of_minor), about e·ℓ! multiplications, and its gradient, the cofactor matrix.
import { EvalError } from '../errors';
import { numbers, objectInput, wholeNumber } from './input';
import { program, scalarEval, type EvalModule } from './module';

// The language has no recursion, so the recursion runs on an explicit stack: depth d works on
// the minor of rows d…ℓ and the columns not used above it; col[d] is its current column, acc[d]
// its determinant so far, sgn[d] the sign of its next term. The same arithmetic as the C++
// reference, in the same order. The work vectors are copies of A, cleared (the language has no
// zeros(n); A's ℓ² entries are at least the ℓ needed).
/** ℓ is written into the program (one per ℓ), as llsq's n is. */
export const detSource = (ell: number): string => `# det A (${ell}×${ell}, row-major) by expansion by minors
ell = ${ell}
used = A
col = A
acc = A
sgn = A
for k = 1:ell {
  used[k] = 0
  col[k] = 0
  acc[k] = 0
  sgn[k] = 1
}
d = 1
det = 0
while d > 0 {
  c = col[d] + 1
  while c <= ell and used[c] == 1 {
    c = c + 1
  }
  if c > ell {
    # minor d is done: its determinant is a term of minor d − 1
    d = d - 1
    if d > 0 {
      used[col[d]] = 0
      term = A[(d - 1) * ell + col[d]] * acc[d + 1]
      if sgn[d] > 0 {
        acc[d] = acc[d] + term
      } else {
        acc[d] = acc[d] - term
      }
      sgn[d] = -sgn[d]
    } else {
      det = acc[1]
    }
  } else {
    col[d] = c
    if d == ell {
      # a 1×1 minor is its element
      acc[d] = A[(d - 1) * ell + c]
    } else {
      used[c] = 1
      d = d + 1
      col[d] = 0
      acc[d] = 0
      sgn[d] = 1
    }
  }
}
return det`;

/** Loop iterations DET takes for ℓ, bounded above: each minor of the recursion is visited once
 *  per child and once more, and each visit scans at most ℓ columns. */
export function detBudget(ell: number): number {
  let minors = 1;
  let level = 1;
  for (let k = 0; k < ell; k++) minors += level *= ell - k;
  return 2 * minors * (ell + 1) + ell + 16;
}

function workload(input: unknown) {
  const f = objectInput(input, 'det');
  const A = numbers(f.A, 'input.A');
  const ell = wholeNumber(f.ell, 'input.ell', 1);
  if (A.length !== ell * ell) throw new EvalError('shape', `input.A has ${A.length} entries; an ℓ×ℓ matrix with ℓ = ${ell} has ${ell * ell}`);
  return { fn: program(detSource(ell)), at: { A }, budget: detBudget(ell) };
}

export const det: EvalModule = scalarEval('det', workload);
