// training: time per gradient step of a dense softmax network for every method, against
// hand-derived backprop (manual) and TensorFlow.js's CPU backend, measured in one run.
import { differentiators } from '../../diff/registry';
import { parameterCount, initialise } from '../../nn/network';
import { Rng } from '../../nn/rng';
import { gradientStep, TRAIN_METHODS, type TrainMethod } from '../../nn/train';
import { breathe, secondsAfterFirst, steadySeconds, timed, type Progress } from '../measure';
import { batchOf, loadTfjs, softmaxNetwork, TFJS_MISSING, tfjsNote, tfjsTrainingStep } from '../tfjs';
import type { TrainingRow } from '../types';

export interface TrainingOptions {
  /** Units per layer, inputs first: [64, 32, 10]. */
  readonly networks: readonly (readonly number[])[];
  readonly batch: number;
  /** Seconds spent timing each method. */
  readonly budget: number;
  /** Whether to time TensorFlow.js too (when it is installed). */
  readonly tfjs: boolean;
  /** Default: manual first (the others' ratios need it), then every other method. */
  readonly methods?: readonly TrainMethod[];
  readonly onProgress?: Progress;
}

/** Methods whose step would take minutes at this many parameters are not run: finite differences
 *  and forward mode pay for every parameter, and symbolic derives an expression per parameter. */
const limitOf = (method: TrainMethod): number => (method === 'manual' ? Infinity : differentiators[method].facts.inputLimit);

const FIRST_STEP: Partial<Record<TrainMethod, string>> = {
  manual: 'no graph: the delta rule on typed arrays',
  symbolic: 'the first step builds the loss graph and derives it',
};

export const networkName = (sizes: readonly number[]): string => sizes.join('-');

export async function trainingStudy(options: TrainingOptions): Promise<TrainingRow[]> {
  const rows: TrainingRow[] = [];
  const methods = options.methods ?? ['manual', ...TRAIN_METHODS.filter((m) => m !== 'manual')];
  const total = options.networks.length * (methods.length + 1);
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
        const first = timed(call); // builds the loss graph (and, for symbolic, derives it) once
        const seconds = secondsAfterFirst(call, first.seconds, options.budget);
        if (method === 'manual') manual = seconds;
        rows.push({
          network,
          batch,
          method,
          secondsPerStep: seconds,
          ratioToManual: manual === null ? null : seconds / manual,
          firstStepSeconds: first.seconds,
          note: FIRST_STEP[method] ?? 'the first step builds the loss graph',
        });
      }
      options.onProgress?.(rows.length, total);
      await breathe();
    }
    rows.push(await tfjsRow(sizes, batch, data, manual, options));
    options.onProgress?.(rows.length, total);
  }
  return rows;
}

async function tfjsRow(sizes: readonly number[], batch: number, data: { x: Float64Array; y: Float64Array }, manual: number | null, options: TrainingOptions): Promise<TrainingRow> {
  const base = { network: networkName(sizes), batch, method: 'tfjs' };
  const tf = options.tfjs ? await loadTfjs() : null;
  if (!tf) return { ...base, secondsPerStep: null, ratioToManual: null, note: options.tfjs ? TFJS_MISSING : 'not run' };
  const { step, dispose } = tfjsTrainingStep(tf, sizes, batch, data);
  try {
    const first = timed(step);
    const seconds = steadySeconds(step, options.budget);
    return { ...base, secondsPerStep: seconds, ratioToManual: manual === null ? null : seconds / manual, firstStepSeconds: first.seconds, note: tfjsNote(tf) };
  } finally {
    dispose();
  }
}
