// Optimizers over one flat parameter vector, each a stated update rule with its state preallocated.
import { EvalError, UsageError } from '../errors';

export type OptimizerName = 'sgd' | 'momentum' | 'nesterov' | 'adagrad' | 'rmsprop' | 'adam' | 'nadam';

export interface Optimizer {
  readonly name: OptimizerName;
  /** Updates `params` in place from `grad`, the gradient of the loss at `params`; `grad` is left as it is. */
  step(params: Float64Array, grad: Float64Array): void;
}

export interface OptimizerOptions {
  lr?: number;
  /** μ, for momentum and nesterov. */
  momentum?: number;
  /** Decay of the first and second moment averages, for adam and nadam. */
  beta1?: number;
  beta2?: number;
  /** Decay of the squared-gradient average, for rmsprop. */
  rho?: number;
  /** Added to the denominator of the adaptive methods so a zero history cannot divide by zero. */
  eps?: number;
  /** λ of L2 regularisation, coupled: λ·w is added to the gradient before the rule sees it. */
  weightDecay?: number;
}

export const OPTIMIZERS: readonly OptimizerName[] = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'nadam'];

// The learning rates suit gradlab's small dense networks. β₁ = 0.9, β₂ = 0.999 and ε = 1e-8 are
// Kingma & Ba's (and PyTorch's); μ = 0.9 is the customary momentum; rmsprop's ρ = 0.9 is Hinton's
// and Keras's (PyTorch has 0.99); adagrad's ε = 1e-10 is PyTorch's.
export const DEFAULT_LR: Record<OptimizerName, number> = {
  sgd: 0.1,
  momentum: 0.05,
  nesterov: 0.05,
  adagrad: 0.05,
  rmsprop: 0.001,
  adam: 0.001,
  nadam: 0.002,
};

type Settings = Required<OptimizerOptions>;
const DEFAULTS: Omit<Settings, 'lr'> = { momentum: 0.9, beta1: 0.9, beta2: 0.999, rho: 0.9, eps: 1e-8, weightDecay: 0 };
const DEFAULT_EPS: Partial<Record<OptimizerName, number>> = { adagrad: 1e-10 };

/**
 * Nadam's momentum schedule μ_t = β₁(1 − ½·0.96^(t·ψ)) starts near β₁/2 and rises towards β₁ over
 * tens of thousands of steps; ψ = 0.004 is Dozat's 1/250 and PyTorch's `momentum_decay`.
 */
const NADAM_PSI = 0.004;

/** The gradient the rules see: coupled L2 decay adds λ·w, read per entry so `grad` stays untouched. */
const gradOf = (w: Float64Array, g: Float64Array, i: number, o: Settings): number => g[i] + o.weightDecay * w[i];

/**
 * Each rule with its maths; w the parameters, g the gradient (plus λw), η the learning rate, t the
 * step count from 1, and every state vector starting at zero.
 */
const RULES: Record<OptimizerName, (size: number, o: Settings) => (w: Float64Array, g: Float64Array) => void> = {
  // Plain gradient descent: w ← w − η·g.
  sgd: (_, o) => (w, g) => {
    for (let i = 0; i < w.length; i++) w[i] -= o.lr * gradOf(w, g, i, o);
  },

  // Heavy ball (Polyak 1964) as PyTorch writes it: v ← μv + g; w ← w − η·v.
  momentum: (size, o) => {
    const v = new Float64Array(size);
    return (w, g) => {
      for (let i = 0; i < w.length; i++) {
        v[i] = o.momentum * v[i] + gradOf(w, g, i, o);
        w[i] -= o.lr * v[i];
      }
    };
  },

  // Nesterov momentum (Sutskever et al. 2013), in PyTorch's form that needs the gradient only at w:
  // v ← μv + g; w ← w − η·(g + μv).
  nesterov: (size, o) => {
    const v = new Float64Array(size);
    return (w, g) => {
      for (let i = 0; i < w.length; i++) {
        const gi = gradOf(w, g, i, o);
        v[i] = o.momentum * v[i] + gi;
        w[i] -= o.lr * (gi + o.momentum * v[i]);
      }
    };
  },

  // AdaGrad (Duchi, Hazan & Singer 2011): s ← s + g²; w ← w − η·g / (√s + ε).
  adagrad: (size, o) => {
    const s = new Float64Array(size);
    return (w, g) => {
      for (let i = 0; i < w.length; i++) {
        const gi = gradOf(w, g, i, o);
        s[i] += gi * gi;
        w[i] -= (o.lr * gi) / (Math.sqrt(s[i]) + o.eps);
      }
    };
  },

  // RMSProp (Hinton, Coursera lecture 6e, 2012): s ← ρs + (1 − ρ)g²; w ← w − η·g / (√s + ε).
  rmsprop: (size, o) => {
    const s = new Float64Array(size);
    return (w, g) => {
      for (let i = 0; i < w.length; i++) {
        const gi = gradOf(w, g, i, o);
        s[i] = o.rho * s[i] + (1 - o.rho) * gi * gi;
        w[i] -= (o.lr * gi) / (Math.sqrt(s[i]) + o.eps);
      }
    };
  },

  // Adam (Kingma & Ba 2015, Algorithm 1): m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²;
  // m̂ = m / (1 − β₁ᵗ); v̂ = v / (1 − β₂ᵗ); w ← w − η·m̂ / (√v̂ + ε).
  adam: (size, o) => {
    const m = new Float64Array(size);
    const v = new Float64Array(size);
    let t = 0;
    return (w, g) => {
      t++;
      const c1 = 1 - o.beta1 ** t;
      const c2 = 1 - o.beta2 ** t;
      for (let i = 0; i < w.length; i++) {
        const gi = gradOf(w, g, i, o);
        m[i] = o.beta1 * m[i] + (1 - o.beta1) * gi;
        v[i] = o.beta2 * v[i] + (1 - o.beta2) * gi * gi;
        w[i] -= (o.lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + o.eps);
      }
    };
  },

  // Nadam (Dozat 2016, Algorithm 2, as PyTorch's NAdam): Adam whose step looks one momentum step
  // ahead. With μ_t the schedule above and Π_t = μ₁⋯μ_t, m and v as in Adam, v̂ = v / (1 − β₂ᵗ):
  // w ← w − η·[(1 − μ_t)/(1 − Π_t)·g + μ_{t+1}/(1 − Π_t·μ_{t+1})·m] / (√v̂ + ε).
  nadam: (size, o) => {
    const m = new Float64Array(size);
    const v = new Float64Array(size);
    const mu = (t: number) => o.beta1 * (1 - 0.5 * 0.96 ** (t * NADAM_PSI));
    let t = 0;
    let product = 1;
    return (w, g) => {
      t++;
      const muNow = mu(t);
      const muNext = mu(t + 1);
      product *= muNow;
      const cg = (1 - muNow) / (1 - product);
      const cm = muNext / (1 - product * muNext);
      const c2 = 1 - o.beta2 ** t;
      for (let i = 0; i < w.length; i++) {
        const gi = gradOf(w, g, i, o);
        m[i] = o.beta1 * m[i] + (1 - o.beta1) * gi;
        v[i] = o.beta2 * v[i] + (1 - o.beta2) * gi * gi;
        w[i] -= (o.lr * (cg * gi + cm * m[i])) / (Math.sqrt(v[i] / c2) + o.eps);
      }
    };
  },
};

/** A fresh optimizer for `size` parameters; its state (moments, step count) lives inside it. */
export function optimizer(name: OptimizerName, size: number, options: OptimizerOptions = {}): Optimizer {
  const rule = Object.hasOwn(RULES, name) ? RULES[name] : undefined;
  if (!rule) throw new UsageError(`unknown optimizer '${name}': choose one of ${OPTIMIZERS.join(', ')}`);
  if (!Number.isSafeInteger(size) || size < 0) throw new UsageError(`an optimizer needs a whole number of parameters, not ${size}`);
  const o = settle(name, options);
  const update = rule(size, o);
  return {
    name,
    step(params, gradient) {
      if (params.length !== size || gradient.length !== size) {
        const got = `${params.length} parameters and ${gradient.length} gradient entries`;
        throw new EvalError('shape', `${name} was made for ${size} parameters but got ${got}`);
      }
      update(params, gradient);
    },
  };
}

function settle(name: OptimizerName, options: OptimizerOptions): Settings {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const known = ['lr', ...Object.keys(DEFAULTS)];
  for (const key of Object.keys(given)) {
    if (!known.includes(key)) throw new UsageError(`unknown optimizer option '${key}': choose from ${known.join(', ')}`);
  }
  const o: Settings = { ...DEFAULTS, eps: DEFAULT_EPS[name] ?? DEFAULTS.eps, lr: DEFAULT_LR[name], ...given };
  const check = (ok: boolean, key: keyof Settings, wanted: string) => {
    if (!ok) throw new UsageError(`${key} must be ${wanted}, not ${o[key]}`);
  };
  check(o.lr > 0 && Number.isFinite(o.lr), 'lr', 'a number > 0');
  check(o.eps > 0 && Number.isFinite(o.eps), 'eps', 'a number > 0');
  check(o.weightDecay >= 0 && Number.isFinite(o.weightDecay), 'weightDecay', 'a number ≥ 0');
  for (const key of ['momentum', 'beta1', 'beta2', 'rho'] as const) check(o[key] >= 0 && o[key] < 1, key, 'in [0, 1)');
  return o;
}

/** Clamps every entry of `grad` to [−limit, limit], in place. */
export function clipByValue(grad: Float64Array, limit: number): void {
  if (!(limit > 0)) throw new UsageError(`a clipping limit must be a number > 0, not ${limit}`);
  for (let i = 0; i < grad.length; i++) grad[i] = Math.min(limit, Math.max(-limit, grad[i]));
}

/**
 * Rescales `grad` in place so its Euclidean norm is at most `maxNorm`, keeping its direction
 * (Pascanu et al. 2013); returns the norm before clipping, which training logs to spot explosions.
 */
export function clipByNorm(grad: Float64Array, maxNorm: number): number {
  if (!(maxNorm > 0)) throw new UsageError(`a clipping norm must be a number > 0, not ${maxNorm}`);
  let sum = 0;
  for (let i = 0; i < grad.length; i++) sum += grad[i] * grad[i];
  const norm = Math.sqrt(sum);
  if (norm > maxNorm) {
    const scale = maxNorm / norm;
    for (let i = 0; i < grad.length; i++) grad[i] *= scale;
  }
  return norm;
}
