// The stability study: the error of each finite-difference scheme against its step h.
import { stabilityChart } from '../render/charts';
import { stabilitySection } from '../render/accuracy';
import { study } from '../study';
import type { StabilityOptions } from '../studies/stability';

export const stability = study<'stability', Omit<StabilityOptions, 'onProgress'>>({
  name: 'stability',
  plans: { quick: { perDecade: 2 }, full: { perDecade: 2 } },
  keys: ['stability'],
  async run(plan, { onProgress }) {
    const { stabilityStudy } = await import('../studies/stability');
    return { stability: await stabilityStudy({ ...plan, onProgress }) };
  },
  section: (r) => stabilitySection(r.stability ?? []),
  charts: { stability: stabilityChart },
});
