// Running the studies: the quick and full settings side by side, progress per study, and the
// facts of the machine the numbers were measured on.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TRAIN_METHODS } from '../nn/train';
import { accuracyStudy, type AccuracyOptions } from './studies/accuracy';
import { costStudy, type CostOptions } from './studies/cost';
import { hardPointsStudy } from './studies/hard-points';
import { peersStudy, type PeersOptions } from './studies/peers';
import { stabilityStudy, type StabilityOptions } from './studies/stability';
import { SWELL_FAMILIES, swellStudy, type SwellOptions } from './studies/swell';
import { CURVE_METHODS, MOONS, trainingCurvesStudy, XOR, type CurveOptions } from './studies/training-curves';
import { trainingStudy, type TrainingOptions } from './studies/training';
import { STUDIES, type MachineFacts, type Results, type StudyName } from './types';

export interface StudyOptions {
  quick: boolean;
  onProgress?: (study: StudyName, done: number, total: number) => void;
}

type Settings<T> = Omit<T, 'onProgress'>;

interface Plan {
  readonly accuracy: Settings<AccuracyOptions>;
  readonly stability: Settings<StabilityOptions>;
  readonly cost: Settings<CostOptions>;
  readonly swell: Settings<SwellOptions>;
  readonly training: Settings<TrainingOptions>;
  readonly curves: Settings<CurveOptions>;
  readonly peers: Settings<PeersOptions>;
}

const [PRODUCT, NESTED, LOGISTIC, NETWORK] = SWELL_FAMILIES.map((f) => f.family);
const SMALL_NETWORK = [64, 32, 10];

/** Quick: the whole run in about a minute on two cores. Full: every size, under half an hour. */
export const PLANS: Record<'quick' | 'full', Plan> = {
  quick: {
    accuracy: { points: 3 },
    stability: { perDecade: 2 },
    cost: { sizes: [10, 100], budget: 0.1, limit: 2, deriveLimit: 5 },
    swell: { sizes: { [PRODUCT]: [2, 4, 8, 16, 32], [NESTED]: [2, 4, 8, 16, 32], [LOGISTIC]: [2, 4, 8, 16], [NETWORK]: [1, 2, 4, 8] } },
    training: { networks: [SMALL_NETWORK], batch: 32, budget: 0.3, tfjs: true },
    curves: { problems: [{ ...XOR, epochs: 150 }] },
    peers: {
      mathjs: { points: 3, reps: 3, budget: 0.2, timeout: 5, productSizes: [4, 8] },
      tfjs: { enabled: true, rosenbrockSizes: [10, 100], networks: [SMALL_NETWORK], batch: 32, budget: 0.2 },
    },
  },
  full: {
    accuracy: { points: 20 },
    stability: { perDecade: 2 },
    cost: { sizes: [10, 100, 1_000, 10_000, 100_000], budget: 1, limit: 5, deriveLimit: 10 },
    swell: { sizes: { [PRODUCT]: [2, 4, 8, 16, 32, 64, 128], [NESTED]: [2, 4, 8, 16, 32, 64, 128], [LOGISTIC]: [2, 4, 8, 16, 32], [NETWORK]: [1, 2, 4, 8, 16] } },
    training: { networks: [SMALL_NETWORK, [784, 128, 10]], batch: 32, budget: 2, tfjs: true },
    curves: { problems: [XOR, MOONS] },
    peers: {
      mathjs: { points: 20, reps: 10, budget: 1, timeout: 30, productSizes: [4, 8, 10, 12, 14] },
      tfjs: { enabled: true, rosenbrockSizes: [10, 100, 1_000, 10_000], networks: [SMALL_NETWORK, [784, 128, 10]], batch: 32, budget: 1 },
    },
  },
};

/** Runs the studies named in `only`, in the order of STUDIES; peers reuse what training and cost measured. */
export async function runStudies(only: readonly StudyName[], options: StudyOptions): Promise<Results> {
  const plan = PLANS[options.quick ? 'quick' : 'full'];
  const progress = (study: StudyName) => (done: number, total: number) => options.onProgress?.(study, done, total);
  const results: { -readonly [K in keyof Results]: Results[K] } = { machine: machineFacts(), quick: options.quick };
  for (const study of STUDIES.filter((s) => only.includes(s))) {
    const onProgress = progress(study);
    switch (study) {
      case 'accuracy':
        results.accuracy = await accuracyStudy({ ...plan.accuracy, onProgress });
        break;
      case 'stability':
        results.stability = await stabilityStudy({ ...plan.stability, onProgress });
        break;
      case 'hard-points':
        results.hardPoints = await hardPointsStudy({ onProgress });
        break;
      case 'cost':
        results.cost = await costStudy({ ...plan.cost, onProgress });
        break;
      case 'swell':
        results.swell = await swellStudy({ ...plan.swell, onProgress });
        break;
      case 'training': {
        const steps = plan.training.networks.length * (TRAIN_METHODS.length + 1); // and TF.js
        const curves = plan.curves.problems.length * CURVE_METHODS.length;
        results.training = await trainingStudy({ ...plan.training, onProgress: (done) => onProgress(done, steps + curves) });
        results.trainingCurves = await trainingCurvesStudy({ ...plan.curves, onProgress: (done) => onProgress(steps + done, steps + curves) });
        break;
      }
      case 'peers':
        results.peers = await peersStudy({ ...plan.peers, previous: { training: results.training, cost: results.cost }, onProgress });
        break;
    }
  }
  return results;
}

export function machineFacts(): MachineFacts {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    gradlab: version(),
    date: new Date().toISOString(),
  };
}

/** gradlab's version from its package.json, the nearest one up from this module (src/harness in
 *  development, dist once built; tsup's CJS build has `__filename` where ESM has `import.meta.url`). */
function version(): string {
  let dir = dirname(import.meta.url ? fileURLToPath(import.meta.url) : __filename);
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'gradlab') return pkg.version ?? 'unknown';
    }
    const up = dirname(dir);
    if (up === dir) return 'unknown';
    dir = up;
  }
}
