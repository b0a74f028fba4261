// The swell study: the symbolic derivative's size against the expression's, as a tree and a DAG.
import { swellChart } from '../render/charts';
import { swellSection } from '../render/speed';
import { study } from '../study';
import type { SwellOptions } from '../studies/swell';

// The families of studies/swell.ts, by name (that module is loaded only when the study runs).
const [PRODUCT, NESTED, LOGISTIC, NETWORK] = ['(x+1)(x+2)…(x+k)', 'sin(sin(…x)), k deep', 'logistic map, k steps', 'network 2-k-1 loss (tanh, mse, batch 4)'];

export const swell = study<'swell', Omit<SwellOptions, 'onProgress'>>({
  name: 'swell',
  plans: {
    quick: { sizes: { [PRODUCT]: [2, 4, 8, 16, 32], [NESTED]: [2, 4, 8, 16, 32], [LOGISTIC]: [2, 4, 8, 16], [NETWORK]: [1, 2, 4, 8] } },
    full: { sizes: { [PRODUCT]: [2, 4, 8, 16, 32, 64, 128], [NESTED]: [2, 4, 8, 16, 32, 64, 128], [LOGISTIC]: [2, 4, 8, 16, 32], [NETWORK]: [1, 2, 4, 8, 16] } },
  },
  keys: ['swell'],
  async run(plan, { onProgress }) {
    const { swellStudy } = await import('../studies/swell');
    return { swell: await swellStudy({ ...plan, onProgress }) };
  },
  section: (r) => swellSection(r.swell ?? []),
  charts: { swell: swellChart },
});
