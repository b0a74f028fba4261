// The cost study: time per gradient against the number of inputs, with the work that explains it.
import { costChart } from '../render/charts';
import { costSection } from '../render/speed';
import { study } from '../study';
import type { CostOptions } from '../studies/cost';

export const cost = study<'cost', Omit<CostOptions, 'onProgress'>>({
  name: 'cost',
  plans: {
    quick: { sizes: [10, 30, 100, 300], budget: 0.1, limit: 2, deriveLimit: 5 },
    full: { sizes: [10, 100, 1_000, 10_000, 100_000], budget: 1, limit: 5, deriveLimit: 10 },
  },
  keys: ['cost'],
  async run(plan, { onProgress }) {
    const { costStudy } = await import('../studies/cost');
    return { cost: await costStudy({ ...plan, onProgress }) };
  },
  section: (r) => costSection(r.cost ?? [], r.peers ?? []),
  charts: { cost: costChart },
});
