// What every renderer draws from: a report as sections (one per study run), each with the paragraph
// saying what the study shows, the findings with their numbers, tables of text cells and the keys
// of its charts. Markdown, HTML and the terminal are three printers of this one model.
import { REGISTRY } from '../registry';
import type { Results } from '../types';

export interface Table {
  readonly caption?: string;
  readonly head: readonly string[];
  /** Per column: right-aligned (numbers) or left-aligned (words). */
  readonly numeric: readonly boolean[];
  readonly rows: readonly (readonly string[])[];
}

export interface Section {
  /** The study's registered name. */
  readonly study: string;
  readonly title: string;
  /** What the study shows, in one paragraph. */
  readonly shows: string;
  /** What this run found: sentences carrying the run's own numbers (the ratios gradlab states). */
  readonly findings: readonly string[];
  readonly tables: readonly Table[];
  /** Keys into `charts(results)`, in the order they are shown. */
  readonly charts: readonly string[];
  /** Per chart, one sentence on what to see in it, drawn from this run's figures. */
  readonly captions?: Readonly<Record<string, string>>;
}

/** A table whose columns are aligned by `align`, one letter per column: 'l' words, 'r' numbers. */
export function table(align: string, head: readonly string[], rows: readonly (readonly string[])[], caption?: string): Table {
  return { head, numeric: [...align].map((a) => a === 'r'), rows, ...(caption ? { caption } : {}) };
}

/** The studies whose results are present (run, even if they produced no rows). */
export function studiesRun(results: Results): string[] {
  return REGISTRY.filter((s) => s.keys.some((k) => results[k] !== undefined)).map((s) => s.name);
}

/** One line on where the numbers were measured. */
export function machineLine(results: Results): string {
  const m = results.machine;
  return [
    `gradlab ${m.gradlab}`,
    `Node ${m.node}`,
    m.platform,
    `${m.cpus} × ${m.cpuModel}`,
    `${m.memoryGB} GB`,
    m.date,
    results.quick ? 'quick run' : 'full run',
  ].join(' · ');
}
