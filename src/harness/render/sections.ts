// A report's sections and charts, one section per registered study present in the results, in
// the registry's order, and each chart its section lists.
import { REGISTRY } from '../registry';
import type { Results } from '../types';
import { studiesRun, type Section } from './model';

const present = (results: Results) => {
  const run = studiesRun(results);
  return REGISTRY.filter((s) => run.includes(s.name));
};

export function sections(results: Results): Section[] {
  return present(results).map((s) => s.section(results));
}

/** Every chart the report's sections show, as SVG text keyed by name (the file is `<key>.svg`). */
export async function charts(results: Results): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const s of present(results)) {
    for (const key of s.section(results).charts) out[key] = await s.charts[key](results);
  }
  return out;
}
