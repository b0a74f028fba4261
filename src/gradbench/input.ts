// Reading an eval's `input` JSON: each field checked, converted once (before any timing), and
// named in the error when it is missing or of the wrong type.
import { EvalError } from '../errors';

export type Fields = Readonly<Record<string, unknown>>;

export function objectInput(input: unknown, module: string): Fields {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new EvalError('type', `${module}: the input must be a JSON object, got ${JSON.stringify(input)?.slice(0, 60)}`);
  }
  return input as Fields;
}

export function finiteNumber(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new EvalError('type', `${what} must be a finite number, got ${JSON.stringify(v ?? null)}`);
  return v;
}

export function wholeNumber(v: unknown, what: string, min: number): number {
  const n = finiteNumber(v, what);
  if (!Number.isInteger(n) || n < min) throw new EvalError('type', `${what} must be a whole number ≥ ${min}, got ${n}`);
  return n;
}

/** A non-empty list of finite numbers (checked here, so no method meets a NaN). */
export function numbers(v: unknown, what: string): number[] {
  if (!Array.isArray(v) || v.length === 0) throw new EvalError('type', `${what} must be a non-empty list of numbers`);
  for (let i = 0; i < v.length; i++) finiteNumber(v[i], `${what}[${i}]`);
  return v as number[];
}

/** A list of equally long lists of numbers (rows), flattened row-major. */
export function matrix(v: unknown, what: string): { values: number[]; rows: number; cols: number } {
  if (!Array.isArray(v) || v.length === 0) throw new EvalError('type', `${what} must be a non-empty list of rows`);
  const cols = numbers(v[0], `${what}[0]`).length;
  const values: number[] = [];
  v.forEach((row, i) => {
    const r = numbers(row, `${what}[${i}]`);
    if (r.length !== cols) throw new EvalError('shape', `${what}[${i}] has ${r.length} numbers; ${what}[0] has ${cols}`);
    for (const x of r) values.push(x);
  });
  return { values, rows: v.length, cols };
}

/** GradBench's `Runs`: at least `min_runs` runs, and until their summed time passes `min_seconds`.
 *  Absent fields (hello has none) mean one run. */
export interface Runs {
  readonly minRuns: number;
  readonly minSeconds: number;
}

export function runsOf(input: unknown): Runs {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { minRuns: 1, minSeconds: 0 };
  const f = input as Fields;
  return {
    minRuns: f.min_runs === undefined ? 1 : wholeNumber(f.min_runs, 'input.min_runs', 0),
    minSeconds: f.min_seconds === undefined ? 0 : nonNegative(f.min_seconds, 'input.min_seconds'),
  };
}

function nonNegative(v: unknown, what: string): number {
  const x = finiteNumber(v, what);
  if (x < 0) throw new EvalError('type', `${what} must be ≥ 0, got ${x}`);
  return x;
}
