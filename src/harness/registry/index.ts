// The registry of studies, in the order they run and appear in the report. Adding a study is one
// file here (its plans, run, keys, section and charts: see ../study.ts) and one line in REGISTRY.
// A study whose rows need a new key of results.json declares it in its own file, by merging into
// `Results` (`declare module '../types' { interface Results { myRows?: MyRow[] } }`), and the key
// joins the results.json contract in test/harness/schema.ts.
import type { Study } from '../study';
import { accuracy } from './accuracy';
import { cost } from './cost';
import { hardPoints } from './hard-points';
import { peers } from './peers';
import { stability } from './stability';
import { swell } from './swell';
import { training } from './training';

export const REGISTRY = [accuracy, stability, hardPoints, cost, swell, training, peers] as const;

export type StudyName = (typeof REGISTRY)[number]['name'];
export const STUDIES: readonly StudyName[] = REGISTRY.map((s) => s.name);

/** Each study's plan, quick or full, by name. */
export type Plans = { readonly [S in (typeof REGISTRY)[number] as S['name']]: S['plans']['quick'] };

export function studyNamed(name: StudyName): Study<StudyName> {
  return REGISTRY.find((s) => s.name === name)! as unknown as Study<StudyName>;
}
