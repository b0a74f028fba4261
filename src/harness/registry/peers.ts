// The peers study: gradlab beside mathjs (symbolic derivatives) and TF.js (gradients, a training
// step), reusing what the training and cost studies measured in the same run.
import { peersSection } from '../render/speed';
import { study } from '../study';
import type { PeersOptions } from '../studies/peers';

const SMALL_NETWORK = [64, 32, 10];

export const peers = study<'peers', Omit<PeersOptions, 'onProgress' | 'previous'>>({
  name: 'peers',
  plans: {
    quick: {
      mathjs: { points: 3, reps: 3, budget: 0.2, timeout: 5, productSizes: [4, 8] },
      tfjs: { enabled: true, rosenbrockSizes: [10, 30, 100, 300], networks: [SMALL_NETWORK], batch: 32, budget: 0.2 },
    },
    full: {
      mathjs: { points: 20, reps: 10, budget: 1, timeout: 30, productSizes: [4, 8, 10, 12, 14] },
      tfjs: { enabled: true, rosenbrockSizes: [10, 100, 1_000, 10_000], networks: [SMALL_NETWORK, [784, 128, 10]], batch: 32, budget: 1 },
    },
  },
  keys: ['peers'],
  async run(plan, { onProgress, results }) {
    const { peersStudy } = await import('../studies/peers');
    return { peers: await peersStudy({ ...plan, previous: { training: results.training, cost: results.cost }, onProgress }) };
  },
  section: (r) => peersSection(r.peers ?? []),
  charts: {},
});
