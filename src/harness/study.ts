// What a study is to the harness: one registered object holding its name, its quick and full
// plans, how it runs, which keys of results.json it fills, its report section and its charts.
import type { Section } from './render/model';
import type { Results } from './types';

export interface RunContext {
  /** How far the study is: `done` of `total` units of work. */
  readonly onProgress: (done: number, total: number) => void;
  /** What the studies run before this one found (peers reuse the training and cost rows). */
  readonly results: Results;
}

export interface Study<Name extends string = string, Plan = unknown> {
  readonly name: Name;
  /** Quick: the whole run in about a minute on two cores. Full: every size, under half an hour. */
  readonly plans: { readonly quick: Plan; readonly full: Plan };
  /** The keys of `Results` the study fills (a key absent from results.json: the study did not run). */
  readonly keys: readonly (keyof Results)[];
  /** Measures, and returns the study's keys of `Results` (measuring code is loaded here, on first run). */
  run(plan: Plan, context: RunContext): Promise<Partial<Results>>;
  /** The report's section, from the rows alone (renderers never measure). */
  section(results: Results): Section;
  /** The charts the section may list, by key (the file is `<key>.svg`). */
  readonly charts: Readonly<Record<string, (results: Results) => Promise<string>>>;
}

/** A study, its name and plan types kept exact, so the registry's names and plans stay typed. */
export const study = <Name extends string, Plan>(s: Study<Name, Plan>): Study<Name, Plan> => s;
