// The hard-points study: what each method returns at kinks, branch boundaries, cancellation…
import { hardPointsSection } from '../render/accuracy';
import { study } from '../study';

export const hardPoints = study<'hard-points', Record<string, never>>({
  name: 'hard-points',
  plans: { quick: {}, full: {} },
  keys: ['hardPoints'],
  async run(_plan, { onProgress }) {
    const { hardPointsStudy } = await import('../studies/hard-points');
    return { hardPoints: await hardPointsStudy({ onProgress }) };
  },
  section: (r) => hardPointsSection(r.hardPoints ?? []),
  charts: {},
});
