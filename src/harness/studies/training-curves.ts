// training curves: every method trains the same small network on the same data from the same
// seed, so the curves differ only by what each method's gradient gets wrong (and its speed).
import { loadDataset } from '../../nn/data';
import { architecture } from '../../nn/network';
import { train, TRAIN_METHODS, type TrainMethod } from '../../nn/train';
import { breathe, type Progress } from '../measure';
import type { TrainingCurve } from '../types';
import type { CurveProblem } from './problems';

export { MOONS, XOR, type CurveProblem } from './problems';

/** Every registered method, then hand-derived backprop: the trainer's own list. */
export const CURVE_METHODS: readonly TrainMethod[] = TRAIN_METHODS;

export interface CurveOptions {
  readonly problems: readonly CurveProblem[];
  readonly methods?: readonly TrainMethod[];
  readonly seed?: number;
  readonly onProgress?: Progress;
}

export async function trainingCurvesStudy(options: CurveOptions): Promise<TrainingCurve[]> {
  const methods = options.methods ?? CURVE_METHODS;
  const seed = options.seed ?? 1;
  const curves: TrainingCurve[] = [];
  const total = options.problems.length * methods.length;
  for (const p of options.problems) {
    const data = loadDataset(p.data, { seed });
    const arch = architecture(p.sizes, p.activation, 'bce');
    for (const method of methods) {
      const r = train(arch, data, { method, epochs: p.epochs, batch: p.batch, optimizer: p.optimizer, lr: p.lr, seed });
      curves.push({
        data: p.data,
        network: `${p.sizes.join('-')} ${p.activation}`,
        method,
        secondsPerStep: r.secondsPerStep,
        loss: r.history.map((e) => e.train.loss),
        testAccuracy: r.test.accuracy,
        ...(r.diverged ? { diverged: r.diverged } : {}),
      });
      options.onProgress?.(curves.length, total);
      await breathe();
    }
  }
  return curves;
}
