// The training study: time per training step of every method against manual backprop and TF.js,
// then small networks trained from one seed by every method (the loss curves).
import { trainingChart, trainingLossChart } from '../render/charts';
import { trainingSection } from '../render/speed';
import { study } from '../study';
import { MOONS, XOR, type CurveProblem } from '../studies/problems';
import type { TrainingOptions } from '../studies/training';

const SMALL_NETWORK = [64, 32, 10];

type Plan = Omit<TrainingOptions, 'onProgress'> & { readonly curves: readonly CurveProblem[] };

export const training = study<'training', Plan>({
  name: 'training',
  plans: {
    quick: { networks: [SMALL_NETWORK], batch: 32, budget: 0.3, tfjs: true, curves: [{ ...XOR, epochs: 150 }] },
    full: { networks: [SMALL_NETWORK, [784, 128, 10]], batch: 32, budget: 2, tfjs: true, curves: [XOR, MOONS] },
  },
  keys: ['training', 'trainingCurves'],
  async run({ curves: problems, ...plan }, { onProgress }) {
    const [{ trainingStudy, PEERS }, { trainingCurvesStudy, CURVE_METHODS }, { TRAIN_METHODS }] = await Promise.all([
      import('../studies/training'),
      import('../studies/training-curves'),
      import('../../nn/train'),
    ]);
    const steps = plan.networks.length * (TRAIN_METHODS.length + PEERS.length);
    const curves = problems.length * CURVE_METHODS.length;
    const training = await trainingStudy({ ...plan, onProgress: (done) => onProgress(done, steps + curves) });
    const trainingCurves = await trainingCurvesStudy({ problems, onProgress: (done) => onProgress(steps + done, steps + curves) });
    return { training, trainingCurves };
  },
  section: (r) => trainingSection(r.training ?? [], r.trainingCurves ?? [], r.peers ?? []),
  charts: { training: trainingChart, 'training-loss': trainingLossChart },
});
