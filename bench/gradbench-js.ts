// GradBench's evals hand-written in plain JavaScript, as the C++ manual tool writes them: the
// floor gradlab's generated programs are measured against in bench/gradbench.ts.

/** llsq: ½ Σᵢ (sᵢ − Σⱼ xⱼ tᵢʲ)². */
export function llsqPrimal(x: ArrayLike<number>, n: number): number {
  const m = x.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const t = -1 + (i * 2) / (n - 1);
    let r = Math.sign(t);
    let p = 1;
    for (let j = 0; j < m; j++) {
      r -= x[j] * p;
      p *= t;
    }
    sum += r * r;
  }
  return sum / 2;
}

/** ∂llsq/∂xⱼ = −Σᵢ rᵢ tᵢʲ: the residuals, then one more pass. */
export function llsqGradient(x: ArrayLike<number>, n: number): Float64Array {
  const m = x.length;
  const g = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const t = -1 + (i * 2) / (n - 1);
    let r = Math.sign(t);
    let p = 1;
    for (let j = 0; j < m; j++) {
      r -= x[j] * p;
      p *= t;
    }
    p = 1;
    for (let j = 0; j < m; j++) {
      g[j] -= r * p;
      p *= t;
    }
  }
  return g;
}

export function lsePrimal(x: ArrayLike<number>): number {
  let a = x[0];
  for (let i = 1; i < x.length; i++) a = Math.max(a, x[i]);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.exp(x[i] - a);
  return Math.log(s) + a;
}

/** The softmax. */
export function lseGradient(x: ArrayLike<number>): Float64Array {
  let a = x[0];
  for (let i = 1; i < x.length; i++) a = Math.max(a, x[i]);
  const g = new Float64Array(x.length);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += g[i] = Math.exp(x[i] - a);
  for (let i = 0; i < x.length; i++) g[i] /= s;
  return g;
}

/** det of the minor of rows row…ℓ−1 and the columns not in `used`, by expansion along its first row. */
function minor(A: ArrayLike<number>, ell: number, row: number, used: Uint8Array, skipRow: number): number {
  if (row === skipRow) return minor(A, ell, row + 1, used, skipRow);
  if (row >= ell) return 1;
  let det = 0;
  let sign = 1;
  for (let c = 0; c < ell; c++) {
    if (used[c]) continue;
    used[c] = 1;
    const term = A[row * ell + c] * minor(A, ell, row + 1, used, skipRow);
    used[c] = 0;
    det = sign > 0 ? det + term : det - term;
    sign = -sign;
  }
  return det;
}

export function detPrimal(A: ArrayLike<number>, ell: number): number {
  return minor(A, ell, 0, new Uint8Array(ell), -1);
}

/** The cofactor matrix, each entry one minor by expansion, as the manual tool computes it. */
export function detGradient(A: ArrayLike<number>, ell: number): Float64Array {
  const g = new Float64Array(ell * ell);
  const used = new Uint8Array(ell);
  for (let i = 0; i < ell; i++) {
    for (let j = 0; j < ell; j++) {
      used[j] = 1;
      g[i * ell + j] = ((i + j) % 2 === 0 ? 1 : -1) * minor(A, ell, 0, used, i);
      used[j] = 0;
    }
  }
  return g;
}
