// The study registry: one object per study, whose names, keys, plans and charts agree with the
// rest of the harness.
import { describe, expect, it } from 'vitest';
import { REGISTRY, STUDIES } from '../../src/harness/registry';
import { PLANS } from '../../src/harness/run';
import { SWELL_FAMILIES } from '../../src/harness/studies/swell';
import { fixture } from './fixture';
import { resultsSchema } from './schema';

describe('the study registry', () => {
  it('names each study once, and between them the studies fill every key of results.json', () => {
    expect(new Set(STUDIES).size).toBe(STUDIES.length);
    const keys = REGISTRY.flatMap((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(Object.keys(resultsSchema.shape).filter((k) => k !== 'machine' && k !== 'quick').sort());
  });

  it('gives each study a section that lists only charts the study can draw', () => {
    for (const s of REGISTRY) {
      const section = s.section(fixture);
      expect(section.study).toBe(s.name);
      for (const key of section.charts) expect(Object.keys(s.charts)).toContain(key);
    }
  });

  it('plans the swell study by the names of the families it measures', () => {
    const names = SWELL_FAMILIES.map((f) => f.family);
    for (const which of ['quick', 'full'] as const) expect(Object.keys(PLANS[which].swell.sizes).sort()).toEqual([...names].sort());
  });
});
