// training: time per gradient step of a dense softmax network for every method, against
// hand-derived backprop (manual) and the peers (TF.js on its CPU and WASM backends, jax-js),
// measured in one run.
import { differentiators } from '../../diff/registry';
import { parameterCount, initialise } from '../../nn/network';
import { Rng } from '../../nn/rng';
import { gradientStep, TRAIN_METHODS, type TrainMethod } from '../../nn/train';
import { breathe, steadySeconds, timed, type Progress } from '../measure';
import { jaxNote, jaxTrainingStep, loadJax } from '../jaxjs';
import { batchOf, loadTfjs, loadTfjsWasm, onBackend, softmaxNetwork, TFJS_MISSING, tfjsNote, tfjsTrainingStep } from '../tfjs';
import type { TrainingRow } from '../types';

export interface TrainingOptions {
  /** Units per layer, inputs first: [64, 32, 10]. */
  readonly networks: readonly (readonly number[])[];
  readonly batch: number;
  /** Seconds spent timing each method. */
  readonly budget: number;
  /** Whether to time the peers too (each when it is installed): see PEERS. */
  readonly tfjs: boolean;
  /** Default: manual first (the others' ratios need it), then every other method. */
  readonly methods?: readonly TrainMethod[];
  readonly onProgress?: Progress;
}

/** Methods whose step would take minutes at this many parameters are not run: finite differences
 *  and forward mode pay for every parameter, and symbolic derives an expression per parameter. */
const limitOf = (method: TrainMethod): number => (method === 'manual' ? Infinity : differentiators[method].facts.inputLimit);

/** Above this many seconds a second step is taken as the step's time: repeating it costs too much. */
const STEADY_LIMIT = 1;

const FIRST_STEP: Partial<Record<TrainMethod, string>> = {
  manual: 'no graph: the delta rule on typed arrays',
  symbolic: 'the first step builds the loss graph and derives it',
  finite: 'the first step generates the loss program\'s code',
  forward: 'the first step generates the loss program\'s code',
  reverse: 'the first step generates the loss program\'s code',
};

export const networkName = (sizes: readonly number[]): string => sizes.join('-');

export async function trainingStudy(options: TrainingOptions): Promise<TrainingRow[]> {
  const rows: TrainingRow[] = [];
  const methods = options.methods ?? ['manual', ...TRAIN_METHODS.filter((m) => m !== 'manual')];
  const total = options.networks.length * (methods.length + PEERS.length);
  for (const sizes of options.networks) {
    const { batch } = options;
    const arch = softmaxNetwork(sizes);
    const P = parameterCount(arch);
    const params = initialise(arch, new Rng(1));
    const data = batchOf(arch, batch, 2);
    const grad = new Float64Array(P);
    const network = networkName(sizes);
    let manual: number | null = null;
    for (const method of methods) {
      if (P > limitOf(method)) {
        rows.push({ network, batch, method, secondsPerStep: null, ratioToManual: null, note: `not run: ${P} parameters (limit ${limitOf(method)} for ${method})` });
      } else {
        const step = gradientStep(arch, method);
        const call = () => step(params, data.x, data.y, batch, grad);
        const first = timed(call); // builds the loss (and generates its code, or derives it) once
        // A step that is slow only until V8 has optimized the generated code is timed steadily.
        const second = timed(call).seconds;
        const seconds = second > STEADY_LIMIT ? second : steadySeconds(call, options.budget);
        if (method === 'manual') manual = seconds;
        rows.push({
          network,
          batch,
          method,
          secondsPerStep: seconds,
          ratioToManual: manual === null ? null : seconds / manual,
          firstStepSeconds: first.seconds,
          note: FIRST_STEP[method],
        });
      }
      options.onProgress?.(rows.length, total);
      await breathe();
    }
    for (const peer of PEERS) {
      rows.push(await peerRow(peer, sizes, batch, data, manual, options));
      options.onProgress?.(rows.length, total);
      await breathe();
    }
  }
  return rows;
}

type Batch = { x: Float64Array; y: Float64Array };
type Step = { step: () => void; dispose: () => void };

/** A peer's step on the same network and batch, or why it does not run (not installed, …). */
interface Peer {
  readonly method: string;
  readonly start: (sizes: readonly number[], batch: number, data: Batch) => Promise<{ run: <T>(body: () => T) => Promise<T>; make: () => Step; note: string } | string>;
}

/** The peers, in the order they are timed: TF.js on its CPU and WASM backends (float32), jax-js
 *  (float64, jit to WebAssembly). */
export const PEERS: readonly Peer[] = [
  {
    method: 'tfjs',
    start: async (sizes, batch, data) => {
      const tf = await loadTfjs();
      return tf ? { run: async (body) => body(), make: () => tfjsTrainingStep(tf, sizes, batch, data), note: tfjsNote(tf) } : TFJS_MISSING;
    },
  },
  {
    method: 'tfjs-wasm',
    start: async (sizes, batch, data) => {
      const tf = await loadTfjsWasm();
      if (typeof tf === 'string') return tf;
      return { run: (body) => onBackend(tf, 'wasm', body), make: () => tfjsTrainingStep(tf, sizes, batch, data), note: tfjsNote(tf, 'wasm') };
    },
  },
  {
    method: 'jax-js',
    start: async (sizes, batch, data) => {
      const jax = await loadJax();
      if (typeof jax === 'string') return jax;
      return { run: async (body) => body(), make: () => jaxTrainingStep(jax, sizes, batch, data), note: jaxNote() };
    },
  },
];

async function peerRow(peer: Peer, sizes: readonly number[], batch: number, data: Batch, manual: number | null, options: TrainingOptions): Promise<TrainingRow> {
  const base = { network: networkName(sizes), batch, method: peer.method };
  const started = options.tfjs ? await peer.start(sizes, batch, data) : 'not run';
  if (typeof started === 'string') return { ...base, secondsPerStep: null, ratioToManual: null, note: started };
  return started.run(() => {
    const { step, dispose } = started.make();
    try {
      const first = timed(step);
      const seconds = steadySeconds(step, options.budget);
      return { ...base, secondsPerStep: seconds, ratioToManual: manual === null ? null : seconds / manual, firstStepSeconds: first.seconds, note: started.note };
    } finally {
      dispose();
    }
  });
}
