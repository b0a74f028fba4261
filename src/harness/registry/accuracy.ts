// The accuracy study: digits of each gradient against the 50-digit reference, per workload and method.
import { accuracyChart } from '../render/charts';
import { accuracySection } from '../render/accuracy';
import { study } from '../study';
import type { AccuracyOptions } from '../studies/accuracy';

export const accuracy = study<'accuracy', Omit<AccuracyOptions, 'onProgress'>>({
  name: 'accuracy',
  plans: { quick: { points: 3 }, full: { points: 20 } },
  keys: ['accuracy'],
  async run(plan, { onProgress }) {
    const { accuracyStudy } = await import('../studies/accuracy');
    return { accuracy: await accuracyStudy({ ...plan, onProgress }) };
  },
  section: (r) => accuracySection(r.accuracy ?? []),
  charts: { accuracy: accuracyChart },
});
