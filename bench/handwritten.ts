// Hand-written JavaScript for the compiled engine's benchmark workloads: the speed a careful
// programmer reaches on typed arrays, and the gradlab programs that state the same functions.
export { rosenbrockGradient } from '../src/harness/workloads';

/** Extended Rosenbrock f. */
export function rosenbrock(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) {
    const t = x[i + 1] - x[i] * x[i];
    const u = 1 - x[i];
    s += 100 * t * t + u * u;
  }
  return s;
}

/** GradBench llsq: ½ Σᵢ (sᵢ − Σⱼ xⱼ tᵢʲ)² with tᵢ = −1 + 2i/(n − 1), sᵢ = sign(tᵢ). */
export const llsqSource = (n: number): string => `s = 0
for i = 1:${n} {
  t = -1 + 2 (i - 1) / ${n - 1}
  p = 1
  acc = 0
  for j = 1:length(x) {
    acc = acc + x[j] p
    p = p t
  }
  r = sign(t) - acc
  s = s + r^2
}
return s / 2`;

export function llsq(x: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const t = -1 + (2 * i) / (n - 1);
    let p = 1;
    let acc = 0;
    for (let j = 0; j < x.length; j++) {
      acc += x[j] * p;
      p *= t;
    }
    const r = Math.sign(t) - acc;
    s += r * r;
  }
  return s / 2;
}

export function llsqGradient(x: Float64Array, n: number, grad: Float64Array): number {
  grad.fill(0);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const t = -1 + (2 * i) / (n - 1);
    let p = 1;
    let acc = 0;
    for (let j = 0; j < x.length; j++) {
      acc += x[j] * p;
      p *= t;
    }
    const r = Math.sign(t) - acc;
    s += r * r;
    p = 1;
    for (let j = 0; j < x.length; j++) {
      grad[j] -= r * p;
      p *= t;
    }
  }
  return s / 2;
}

/** GradBench lse: log Σ exp(xᵢ), shifted by the largest xᵢ. */
export const LSE = `m = max(x)
s = 0
for i = 1:length(x) {
  s = s + exp(x[i] - m)
}
return m + log(s)`;

export function lse(x: Float64Array): number {
  let m = -Infinity;
  for (let i = 0; i < x.length; i++) if (x[i] > m) m = x[i];
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.exp(x[i] - m);
  return m + Math.log(s);
}

export function lseGradient(x: Float64Array, grad: Float64Array): number {
  let m = -Infinity;
  for (let i = 0; i < x.length; i++) if (x[i] > m) m = x[i];
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    grad[i] = Math.exp(x[i] - m);
    s += grad[i];
  }
  for (let i = 0; i < x.length; i++) grad[i] /= s;
  return m + Math.log(s);
}
