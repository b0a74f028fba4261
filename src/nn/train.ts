// Training: any differentiator (or hand-derived backprop) computes the gradient of the loss;
// the network, data, optimizer and batching never know which one.
import { compiledFor, compiledPullback, refusal, reverseOf } from '../compile/engine';
import { layoutOf } from '../diff/fn';
import { differentiators, METHODS } from '../diff/registry';
import type { Engine, MethodName } from '../diff/types';
import type { Fn } from '../diff/fn';
import { GradlabError, UsageError } from '../errors';
import type { Dataset } from './data';
import { lossFunction, lossIterations, lossProgram } from './loss';
import { manualGradient } from './manual';
import { accuracy, forwardPass, initialise, layersOf, meanLoss, type Architecture, type Init } from './network';
import { clipByNorm, clipByValue, DEFAULT_LR, optimizer, type OptimizerName } from './optimizers';
import { Rng } from './rng';

export type TrainMethod = MethodName | 'manual';
export const TRAIN_METHODS: readonly TrainMethod[] = [...METHODS, 'manual'];

export interface TrainOptions {
  readonly method?: TrainMethod;
  readonly optimizer?: OptimizerName;
  readonly lr?: number;
  /** Samples per step: 1 is stochastic, the training set's size is full batch. Default 32. */
  readonly batch?: number;
  readonly epochs?: number;
  readonly seed?: number;
  readonly init?: Init;
  readonly clipValue?: number;
  readonly clipNorm?: number;
  readonly weightDecay?: number;
  /** Starting parameters (a loaded model); otherwise initialised from the seed. */
  readonly params?: Float64Array;
  /** Called after every epoch, e.g. to draw a progress bar. */
  readonly onEpoch?: (e: EpochMetrics) => void;
  /** `steps` also records every step (`stepHistory`): the batch's loss, the training loss after
   *  the update and the time so far. Default `epochs`: one entry per epoch only. */
  readonly history?: 'epochs' | 'steps';
  /** Called after every step with the parameters, e.g. to trace a path in weight space. */
  readonly onStep?: (params: Float64Array, loss: number) => void;
  /** `compiled` (default): the loss program runs as generated JavaScript; `interpreted`: the
   *  interpreters run it (the teaching path: a tape you can print). */
  readonly engine?: Engine;
}

export interface Metrics {
  readonly loss: number;
  readonly accuracy: number;
}

export interface EpochMetrics {
  readonly epoch: number;
  readonly train: Metrics;
  readonly test: Metrics;
  /** Mean ‖∂L/∂Wₗ‖ over the epoch's steps, one entry per layer. */
  readonly gradientNorms: number[];
}

export interface StepMetrics {
  /** 1 for the first step. */
  readonly step: number;
  readonly epoch: number;
  /** The loss of the step's batch, before its update (what the gradient was taken of). */
  readonly batchLoss: number;
  /** The mean loss over the whole training split after the update. */
  readonly trainLoss: number;
  /** Seconds spent on steps so far (gradient, clipping, update; not this record's evaluation). */
  readonly seconds: number;
}

export interface TrainResult {
  readonly method: TrainMethod;
  readonly epochs: number;
  readonly steps: number;
  readonly train: Metrics;
  readonly test: Metrics;
  readonly secondsPerStep: number;
  readonly history: EpochMetrics[];
  /** Every step, with `history: 'steps'`. */
  readonly stepHistory?: StepMetrics[];
  readonly params: Float64Array;
  /** Set when a loss or gradient stopped being finite: training ends there and says where. */
  readonly diverged?: string;
}

/** Evaluates the network on a split with the typed-array forward pass. */
export function evaluateSplit(arch: Architecture, task: Dataset['task'], params: Float64Array, split: Dataset['train']): Metrics {
  if (split.n === 0) return { loss: NaN, accuracy: NaN };
  const { z, a } = forwardPass(arch, params, split.x, split.n);
  const L = z.length;
  return { loss: meanLoss(arch, z[L - 1], a[L], split.y, split.n), accuracy: accuracy(task, arch.sizes[arch.sizes.length - 1], a[L], split.y, split.n) };
}

/** A gradient function for one method: writes ∂L/∂θ for a batch into `grad`, returns L. */
export type GradientStep = (params: Float64Array, x: Float64Array, y: Float64Array, n: number, grad: Float64Array) => number;

/**
 * The loss is the program of loss.ts for finite differences, forward and reverse mode (generated
 * code on the compiled engine, the interpreters on the interpreted one), and its expression form
 * for the symbolic method, which derives those expressions once and evaluates the derivatives.
 */
export function gradientStep(arch: Architecture, method: TrainMethod, engine?: Engine): GradientStep {
  if (method === 'manual') return (params, x, y, n, grad) => manualGradient(arch, params, x, y, n, grad);
  const d = differentiators[method];
  if (!d) throw new UsageError(`no method '${method}': choose one of ${TRAIN_METHODS.join(', ')}`);
  // One loss per batch size (a last, smaller batch gets its own), built once and reused.
  const losses = new Map<number, Fn>();
  const build = method === 'symbolic' ? lossFunction : lossProgram;
  return (params, x, y, n, grad) => {
    let fn = losses.get(n);
    if (!fn) losses.set(n, (fn = build(arch, n)));
    fn.data.set('X', x);
    fn.data.set('Y', y);
    const budget = lossIterations(arch, n);
    if (method === 'reverse') {
      const loss = generatedReverse(fn, params, grad, budget, engine);
      if (loss !== undefined) return loss;
    }
    const r = d.gradient(fn, { w: params }, { engine, maxIterations: budget });
    grad.set(r.result);
    return r.value as number;
  };
}

const ONE = new Float64Array([1]);

/**
 * Reverse mode's generated code run straight on the parameter vector (the loss program's only
 * input, so it is the flat point) into `grad`, without the public verb's point copy and its
 * result as a plain array, which cost a quarter of a step on the 784-128-10 network. Where the
 * compiled engine does not apply, or the gradient is not finite (which the interpreted sweeps
 * check), undefined: the verb takes the step.
 */
function generatedReverse(fn: Fn, params: Float64Array, grad: Float64Array, budget: number, engine: Engine | undefined): number | undefined {
  if (refusal(fn, engine) !== undefined) return undefined;
  const layout = layoutOf(fn, { w: params });
  const c = compiledFor(fn, layout);
  if (typeof c === 'string') return undefined;
  const code = reverseOf(fn, c);
  if (typeof code === 'string') return undefined;
  const r = compiledPullback(fn, layout, c, code, params, budget, () => ONE, true);
  const g = r.grad;
  if (typeof r.value !== 'number' || !Number.isFinite(r.value)) return undefined;
  for (let i = 0; i < g.length; i++) if (!Number.isFinite(g[i])) return undefined;
  grad.set(g);
  return r.value;
}

/** Which layer first holds a value that is not finite, in its weights or the gradient. */
function divergence(arch: Architecture, params: Float64Array, grad: Float64Array, loss: number, epoch: number, step: number, lr: number): string | undefined {
  const layers = layersOf(arch);
  const bad = (v: Float64Array, from: number, to: number) => {
    for (let i = from; i < to; i++) if (!Number.isFinite(v[i])) return v[i];
    return undefined;
  };
  for (const [li, l] of layers.entries()) {
    const end = l.biases + l.outputs;
    const g = bad(grad, l.weights, end);
    const p = bad(params, l.weights, end);
    if (g !== undefined || p !== undefined) {
      const what = g !== undefined ? `the gradient of layer ${li + 1} (${l.outputs}×${l.inputs}) holds ${g}` : `the weights of layer ${li + 1} (${l.outputs}×${l.inputs}) hold ${p}`;
      return `training diverged at epoch ${epoch}, step ${step}: ${what}; the loss is ${loss}. Lower the learning rate (now ${lr}) or clip the gradient`;
    }
  }
  if (!Number.isFinite(loss)) {
    return `training diverged at epoch ${epoch}, step ${step}: the loss is ${loss} (from the output layer ${layers.length}). Lower the learning rate (now ${lr}) or clip the gradient`;
  }
  return undefined;
}

export function train(arch: Architecture, data: Dataset, options: TrainOptions = {}): TrainResult {
  const method = options.method ?? 'reverse';
  const opt = options.optimizer ?? 'adam';
  const lr = options.lr ?? DEFAULT_LR[opt];
  const epochs = options.epochs ?? 100;
  const rng = new Rng(options.seed ?? 1);
  const { train: split } = data;
  const [d, k] = [arch.sizes[0], arch.sizes[arch.sizes.length - 1]];
  if (d !== data.features || k !== data.outputs) {
    throw new UsageError(`the layers ${arch.sizes.join(',')} do not fit ${data.name}: it has ${data.features} features and ${data.outputs} output${data.outputs === 1 ? '' : 's'}, so use ${data.features},…,${data.outputs}`);
  }
  const batch = Math.max(1, Math.min(options.batch ?? 32, split.n));
  const params = options.params ? Float64Array.from(options.params) : initialise(arch, rng, options.init);
  const grad = new Float64Array(params.length);
  const step = gradientStep(arch, method, options.engine);
  const update = optimizer(opt, params.length, { lr, weightDecay: options.weightDecay });
  const layers = layersOf(arch);
  const xb = new Float64Array(batch * d);
  const yb = new Float64Array(batch * k);
  const history: EpochMetrics[] = [];
  const stepHistory: StepMetrics[] | undefined = options.history === 'steps' ? [] : undefined;
  let steps = 0;
  let seconds = 0;
  let wall = 0;
  let diverged: string | undefined;
  for (let epoch = 1; epoch <= epochs && !diverged; epoch++) {
    const order = rng.permutation(split.n);
    const norms = new Array<number>(layers.length).fill(0);
    let epochSteps = 0;
    for (let from = 0; from < split.n; from += batch) {
      const n = Math.min(batch, split.n - from);
      for (let s = 0; s < n; s++) {
        xb.set(split.x.subarray(order[from + s] * d, (order[from + s] + 1) * d), s * d);
        yb.set(split.y.subarray(order[from + s] * k, (order[from + s] + 1) * k), s * k);
      }
      const t0 = performance.now();
      let loss: number;
      try {
        loss = step(params, xb.subarray(0, n * d), yb.subarray(0, n * k), n, grad);
      } catch (err) {
        if (!(err instanceof GradlabError) || err.code !== 'domain') throw err;
        loss = NaN;
        grad.fill(NaN);
      }
      const t1 = performance.now();
      seconds += (t1 - t0) / 1000;
      steps++;
      epochSteps++;
      diverged = divergence(arch, params, grad, loss, epoch, steps, lr);
      if (diverged) break;
      const t2 = performance.now();
      layers.forEach((l, li) => (norms[li] += Math.hypot(...grad.subarray(l.weights, l.biases))));
      if (options.clipValue !== undefined) clipByValue(grad, options.clipValue);
      if (options.clipNorm !== undefined) clipByNorm(grad, options.clipNorm);
      update.step(params, grad);
      wall += (t1 - t0 + performance.now() - t2) / 1000;
      stepHistory?.push({ step: steps, epoch, batchLoss: loss, trainLoss: evaluateSplit(arch, data.task, params, split).loss, seconds: wall });
      options.onStep?.(params, loss);
    }
    if (diverged) break;
    const metrics: EpochMetrics = {
      epoch,
      train: evaluateSplit(arch, data.task, params, split),
      test: evaluateSplit(arch, data.task, params, data.test),
      gradientNorms: norms.map((v) => v / Math.max(epochSteps, 1)),
    };
    history.push(metrics);
    options.onEpoch?.(metrics);
  }
  return {
    method,
    epochs: history.length,
    steps,
    train: evaluateSplit(arch, data.task, params, split),
    test: evaluateSplit(arch, data.task, params, data.test),
    secondsPerStep: steps ? seconds / steps : 0,
    history,
    ...(stepHistory ? { stepHistory } : {}),
    params,
    diverged,
  };
}
