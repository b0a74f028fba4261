// A dense network: its architecture, the flat parameter vector and where each layer sits in it,
// seeded initialisation, and the forward pass on typed arrays. Activations, their slopes and the
// losses' softplus and logsumexp are the primitive table's rows, not restated here.
import { partialsOf } from '../diff/codegen';
import { UsageError } from '../errors';
import { float, algebraOf } from '../interpret/domain';
import { partialOf, primitive } from '../primitives';
import { Rng } from './rng';

export type Activation = 'sigmoid' | 'tanh' | 'relu' | 'linear';
export type OutputActivation = Activation | 'softmax';
export type LossName = 'mse' | 'bce' | 'ce';
export type Init = 'glorot' | 'he';

export const ACTIVATIONS: readonly Activation[] = ['sigmoid', 'tanh', 'relu', 'linear'];
export const LOSSES: readonly LossName[] = ['mse', 'bce', 'ce'];

export interface Architecture {
  /** Units per layer, inputs first: [2, 16, 16, 1]. */
  readonly sizes: readonly number[];
  /** Activation of the hidden layers. */
  readonly activation: Activation;
  /** Output activation: sigmoid for bce, softmax for ce, linear (or another) for mse. */
  readonly output: OutputActivation;
  readonly loss: LossName;
}

/** Where layer l's weights W (out × in, row-major) and biases b sit in the parameter vector. */
export interface Layer {
  readonly inputs: number;
  readonly outputs: number;
  readonly weights: number;
  readonly biases: number;
}

export function architecture(sizes: readonly number[], activation: Activation, loss: LossName, output?: OutputActivation): Architecture {
  if (sizes.length < 2 || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new UsageError(`layers must be two or more positive whole numbers, inputs first (e.g. 2,16,1); got ${sizes.join(',')}`);
  }
  const k = sizes[sizes.length - 1];
  const out = output ?? (loss === 'ce' ? 'softmax' : loss === 'bce' ? 'sigmoid' : 'linear');
  if (loss === 'ce' && out !== 'softmax') throw new UsageError('the ce loss is categorical cross-entropy on a softmax output');
  if (loss === 'ce' && k < 2) throw new UsageError('the ce loss needs two or more outputs (one per class)');
  if (loss === 'bce' && (out !== 'sigmoid' || k !== 1)) throw new UsageError('the bce loss needs one sigmoid output');
  if (loss === 'mse' && out === 'softmax') throw new UsageError('use the ce loss with a softmax output');
  return { sizes, activation, output: out, loss };
}

export function layersOf(arch: Architecture): Layer[] {
  const layers: Layer[] = [];
  let offset = 0;
  for (let l = 1; l < arch.sizes.length; l++) {
    const [inputs, outputs] = [arch.sizes[l - 1], arch.sizes[l]];
    layers.push({ inputs, outputs, weights: offset, biases: offset + inputs * outputs });
    offset += inputs * outputs + outputs;
  }
  return layers;
}

export function parameterCount(arch: Architecture): number {
  return layersOf(arch).reduce((s, l) => s + l.inputs * l.outputs + l.outputs, 0);
}

/** Glorot/Xavier uniform (±√(6/(in+out))) or He normal (σ = √(2/in)); biases start at 0. */
export function initialise(arch: Architecture, rng: Rng, init: Init = arch.activation === 'relu' ? 'he' : 'glorot'): Float64Array {
  const params = new Float64Array(parameterCount(arch));
  for (const l of layersOf(arch)) {
    const limit = Math.sqrt(6 / (l.inputs + l.outputs));
    const sd = Math.sqrt(2 / l.inputs);
    for (let k = 0; k < l.inputs * l.outputs; k++) {
      params[l.weights + k] = init === 'glorot' ? (2 * rng.uniform() - 1) * limit : rng.normal() * sd;
    }
  }
  return params;
}

// Special case, fenced: `linear` is the identity, which has no row (it is no op at all).
const identity = (z: number): number => z;

/** f(z) by the activation's row of the primitive table. */
export const activation = (f: Activation): ((z: number) => number) => (f === 'linear' ? identity : primitive(f).fn);

export function activate(f: Activation, z: number): number {
  return activation(f)(z);
}

const slopes = new Map<Activation, (z: number, a: number) => number>();

/** f′ as a function of z and a = f(z): the row's derivative rule, generated as JavaScript once
 *  (diff/codegen.ts), so backprop takes the same slope as every differentiator. */
export function slopeOf(f: Activation): (z: number, a: number) => number {
  let d = slopes.get(f);
  if (!d) {
    if (f === 'linear') d = () => 1;
    else {
      const rule = partialsOf(primitive(f), 1);
      const [v, arg, into] = [new Float64Array(1), new Int32Array(1), new Float64Array(1)];
      d = (z, a) => {
        v[0] = z;
        rule(v, arg, 0, 1, a, into, 1);
        return into[0];
      };
    }
    slopes.set(f, d);
  }
  return d;
}

/** f′(z) given z and a = f(z). */
export function slope(f: Activation, z: number, a: number): number {
  return slopeOf(f)(z, a);
}

/** Pre-activations z and activations a of every layer for a batch (rows are samples). */
export interface Pass {
  readonly z: Float64Array[];
  readonly a: Float64Array[];
}

export function forwardPass(arch: Architecture, params: Float64Array, x: Float64Array, n: number): Pass {
  const layers = layersOf(arch);
  const z: Float64Array[] = [];
  const a: Float64Array[] = [x.subarray(0, n * arch.sizes[0])];
  layers.forEach((l, li) => {
    const prev = a[li];
    const zl = new Float64Array(n * l.outputs);
    const al = new Float64Array(n * l.outputs);
    const last = li === layers.length - 1;
    const output = last && arch.output === 'softmax';
    const f = output ? identity : activation(last ? (arch.output as Activation) : arch.activation);
    for (let s = 0; s < n; s++) {
      for (let j = 0; j < l.outputs; j++) {
        let acc = params[l.biases + j];
        const w = l.weights + j * l.inputs;
        const p = s * l.inputs;
        for (let i = 0; i < l.inputs; i++) acc += params[w + i] * prev[p + i];
        zl[s * l.outputs + j] = acc;
      }
      const row = zl.subarray(s * l.outputs, (s + 1) * l.outputs);
      const out = al.subarray(s * l.outputs, (s + 1) * l.outputs);
      if (output) softmax(row, out);
      else for (let j = 0; j < l.outputs; j++) out[j] = f(row[j]);
    }
    z.push(zl);
    a.push(al);
  });
  return { z, a };
}

const LOGSUMEXP = primitive('logsumexp');
const SOFTPLUS = primitive('softplus');
const FLOAT = algebraOf(float);

// Special case, fenced: softmax has no row (the table's ops return one number). It is the
// gradient of logsumexp, so it is that row's derivative rule, exp(zⱼ − logsumexp(z)).
export function softmax(z: Float64Array, out: Float64Array): void {
  const zs = Array.from(z);
  const lse = LOGSUMEXP.apply(zs);
  for (let j = 0; j < z.length; j++) out[j] = partialOf(LOGSUMEXP, j)(FLOAT, zs, lse, j);
}

/**
 * The mean loss over n samples, from the output layer's z (logits) and a:
 * mse = ½ Σⱼ (aⱼ − yⱼ)² (the ½ makes its gradient a − y); bce = softplus(z) − y·z, which is
 * −y log σ(z) − (1 − y) log(1 − σ(z)) without ever taking the log of 0; ce = logsumexp(z) − Σ yⱼzⱼ.
 */
export function meanLoss(arch: Architecture, z: Float64Array, a: Float64Array, y: Float64Array, n: number): number {
  const k = arch.sizes[arch.sizes.length - 1];
  let total = 0;
  for (let s = 0; s < n; s++) {
    const o = s * k;
    if (arch.loss === 'mse') for (let j = 0; j < k; j++) total += 0.5 * (a[o + j] - y[o + j]) ** 2;
    else if (arch.loss === 'bce') total += SOFTPLUS.fn(z[o]) - y[o] * z[o];
    else {
      let yz = 0;
      for (let j = 0; j < k; j++) yz += y[o + j] * z[o + j];
      total += LOGSUMEXP.apply(Array.from(z.subarray(o, o + k))) - yz;
    }
  }
  return total / n;
}

/** Fraction classified right (argmax of several outputs, a > 0.5 for one); for regression R²,
 *  1 − residual / total variance, so that "accuracy" reads better-is-higher for every task. */
export function accuracy(task: 'binary' | 'multiclass' | 'regression', k: number, a: Float64Array, y: Float64Array, n: number): number {
  if (task === 'regression') {
    let mean = 0;
    for (let i = 0; i < n * k; i++) mean += y[i] / (n * k);
    let res = 0;
    let tot = 0;
    for (let i = 0; i < n * k; i++) {
      res += (a[i] - y[i]) ** 2;
      tot += (y[i] - mean) ** 2;
    }
    return tot > 0 ? 1 - res / tot : 0;
  }
  let right = 0;
  for (let s = 0; s < n; s++) {
    if (k === 1) right += (a[s] > 0.5) === (y[s] > 0.5) ? 1 : 0;
    else right += argmax(a, s * k, k) === argmax(y, s * k, k) ? 1 : 0;
  }
  return right / n;
}

function argmax(v: Float64Array, from: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (v[from + j] > v[from + best]) best = j;
  return best;
}
