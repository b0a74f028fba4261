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

export interface GmmInput {
  d: number;
  k: number;
  n: number;
  m: number;
  gamma: number;
  alpha: number[];
  mu: number[][];
  q: number[][];
  l: number[][];
  x: number[][];
}

/** log Γ(a) for a positive multiple of ½ (all the Wishart constant needs). */
function logGammaHalf(a: number): number {
  let out = Number.isInteger(a) ? 0 : 0.5 * Math.log(Math.PI);
  for (let b = Number.isInteger(a) ? 1 : 0.5; b < a; b++) out += Math.log(b);
  return out;
}

function logsumexp(v: ArrayLike<number>): number {
  let mx = v[0];
  for (let i = 1; i < v.length; i++) mx = Math.max(mx, v[i]);
  let s = 0;
  for (let i = 0; i < v.length; i++) s += Math.exp(v[i] - mx);
  return Math.log(s) + mx;
}

/** gmm's log posterior, the C++ reference's loops. */
export function gmmObjective({ d, k, n, m, gamma, alpha, mu, q, l, x }: GmmInput): number {
  const Qd = q.map((row) => row.map(Math.exp));
  const sq = q.map((row) => row.reduce((s, v) => s + v, 0));
  const main = new Float64Array(k);
  const xc = new Float64Array(d);
  const Qx = new Float64Array(d);
  let slse = 0;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < d; j++) xc[j] = x[i][j] - mu[c][j];
      for (let j = 0; j < d; j++) Qx[j] = Qd[c][j] * xc[j];
      let idx = 0;
      for (let a = 0; a < d; a++) for (let b = a + 1; b < d; b++) Qx[b] += l[c][idx++] * xc[a];
      let sn = 0;
      for (let j = 0; j < d; j++) sn += Qx[j] * Qx[j];
      main[c] = alpha[c] + sq[c] - 0.5 * sn;
    }
    slse += logsumexp(main);
  }
  const dof = d + m + 1;
  let logGammaD = 0.25 * d * (d - 1) * Math.log(Math.PI);
  for (let j = 1; j <= d; j++) logGammaD += logGammaHalf(0.5 * dof + 0.5 * (1 - j));
  const C = dof * d * (Math.log(gamma) - 0.5 * Math.log(2)) - logGammaD;
  let prior = 0;
  for (let c = 0; c < k; c++) {
    const fro = Qd[c].reduce((s, v) => s + v * v, 0) + l[c].reduce((s, v) => s + v * v, 0);
    prior += 0.5 * gamma * gamma * fro - m * sq[c];
  }
  return -n * d * 0.5 * Math.log(2 * Math.PI) + slse - n * logsumexp(alpha) + (-prior + k * C);
}

/** ode: RK4 in s steps, the C++ reference's loops. */
export function odePrimal(x: ArrayLike<number>, s: number): Float64Array {
  const n = x.length;
  const h = 2 / s;
  const y = new Float64Array(n);
  const [k1, k2, k3, k4, tmp] = [0, 1, 2, 3, 4].map(() => new Float64Array(n));
  const f = (v: Float64Array, out: Float64Array) => {
    out[0] = x[0];
    for (let i = 1; i < n; i++) out[i] = x[i] * v[i - 1];
  };
  for (let step = 0; step < s; step++) {
    f(y, k1);
    for (let i = 0; i < n; i++) tmp[i] = y[i] + (h * k1[i]) / 2;
    f(tmp, k2);
    for (let i = 0; i < n; i++) tmp[i] = y[i] + (h * k2[i]) / 2;
    f(tmp, k3);
    for (let i = 0; i < n; i++) tmp[i] = y[i] + h * k3[i];
    f(tmp, k4);
    for (let i = 0; i < n; i++) y[i] += (h * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i])) / 6;
  }
  return y;
}

/** The manual tool's ode gradient: of the exact solution's last element, Π xᵢ · 2ⁿ / n!. */
export function odeGradient(x: ArrayLike<number>): Float64Array {
  let y = x[0] * 2;
  for (let i = 1; i < x.length; i++) y *= (x[i] * 2) / (i + 1);
  return Float64Array.from(x, (xi) => y / xi);
}

/** kmeans: Σᵢ minⱼ |Cⱼ − Pᵢ|² over flat row-major P (n×d) and C (k×d). */
export function kmeansCost(P: ArrayLike<number>, C: ArrayLike<number>, d: number): number {
  const n = P.length / d;
  const k = C.length / d;
  let cost = 0;
  for (let i = 0; i < n; i++) {
    let closest = Infinity;
    for (let j = 0; j < k; j++) {
      let dist = 0;
      for (let l = 0; l < d; l++) dist += (P[i * d + l] - C[j * d + l]) ** 2;
      closest = Math.min(closest, dist);
    }
    cost += closest;
  }
  return cost;
}

/** The manual tool's kmeans dir: each centroid minus the mean of its points. */
export function kmeansDir(P: ArrayLike<number>, C: ArrayLike<number>, d: number): Float64Array {
  const n = P.length / d;
  const k = C.length / d;
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    let closest = Infinity;
    let best = -1;
    for (let j = 0; j < k; j++) {
      let dist = 0;
      for (let l = 0; l < d; l++) dist += (P[i * d + l] - C[j * d + l]) ** 2;
      if (dist < closest) [closest, best] = [dist, j];
    }
    counts[best]++;
    for (let l = 0; l < d; l++) sums[best * d + l] += P[i * d + l];
  }
  return Float64Array.from(C, (c, jl) => -(sums[jl] / counts[Math.floor(jl / d)] - c));
}
