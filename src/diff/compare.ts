// `compare`: every method on the same function and point, judged against the 50-digit reference,
// with timings and warnings where the point is treacherous or the methods disagree.
import { GradlabError } from '../errors';
import { relativeError } from './distance';
import { compile, flatten, layoutOf, toArray, unflatten, type CompileOptions, type FnLike, type Point } from './fn';
import { nearBoundaries } from './probe';
import { reference } from './reference';
import { trace } from './trace';
import { differentiator, METHODS } from './registry';
import type { Engine, MethodName, Options, Scheme, Stats } from './types';

/** A method with its options: `finite` runs central differences; `finite:richardson` another scheme. */
export interface MethodSpec {
  readonly label: string;
  readonly method: MethodName;
  readonly options: Options;
}

export { relativeError };

export const SCHEMES: readonly Scheme[] = ['forward', 'backward', 'central', 'five-point', 'richardson', 'complex-step'];

/** `finite`, `finite:five-point`, `all` (every method and every scheme). */
export function parseMethods(list: readonly string[]): MethodSpec[] {
  const out: MethodSpec[] = [];
  for (const item of list) {
    if (item === 'all') {
      out.push(...SCHEMES.map((s) => spec(`finite:${s}`)), ...METHODS.filter((m) => m !== 'finite').map(spec));
    } else out.push(spec(item));
  }
  return out;
}

function spec(label: string): MethodSpec {
  const [name, scheme] = label.split(':');
  const d = differentiator(name);
  if (scheme !== undefined && (d.name !== 'finite' || !SCHEMES.includes(scheme as Scheme))) {
    throw new GradlabError('usage', `'${label}': schemes are finite:${SCHEMES.join(', finite:')}`);
  }
  return { label, method: d.name, options: scheme ? { scheme: scheme as Scheme } : {} };
}

export interface MethodResult {
  readonly method: string;
  readonly ok: boolean;
  /** Scalar f: the gradient shaped like the inputs. */
  readonly gradient?: Record<string, number | number[]>;
  /** Vector f: rows are outputs, columns inputs in order of first appearance. */
  readonly jacobian?: number[][];
  /** ‖result − reference‖₂ / ‖reference‖₂ (the absolute error where the reference is 0). */
  readonly relError?: number;
  /** Time per call after the first (which also traces or derives). */
  readonly seconds?: number;
  readonly error?: string;
  readonly stats?: Stats;
}

/** A method's result with its error's code, which compare reads and does not report. */
type Run = MethodResult & { readonly code?: string };

export interface Comparison {
  readonly at: Point;
  readonly value: number | number[];
  /** Null where the reference has no answer: `referenceError` says why. */
  readonly reference: Record<string, number | number[]> | number[][] | null;
  readonly referenceError?: string;
  readonly methods: MethodResult[];
  readonly warnings: string[];
}


export interface CompareOptions extends CompileOptions {
  methods?: readonly string[];
  /** Seconds to spend timing each method (default 0.05). */
  timing?: number;
  maxIterations?: number;
  /** The engine every method runs on (default: compiled); each result's stats say which ran. */
  engine?: Engine;
  /** Seconds the reference may take before it gives up (default 30). */
  referenceTimeLimit?: number;
}

export function compare(f: FnLike, at: Point, options: CompareOptions = {}): Comparison {
  const fn = compile(f, options);
  const layout = layoutOf(fn, at);
  const ref = attempt(() => reference(fn, at, { maxIterations: options.maxIterations, timeLimit: options.referenceTimeLimit }));
  const value = 'error' in ref ? trace(fn, at, { maxIterations: options.maxIterations }).value : ref.value;
  const vector = typeof value !== 'number';
  const refFlat = 'error' in ref ? null : ref.jacobian.flat();
  const methods = parseMethods(options.methods ?? METHODS).map((m): Run => {
    const d = differentiator(m.method);
    const opts = { ...m.options, maxIterations: options.maxIterations, engine: options.engine };
    try {
      const first = d.jacobian(fn, at, opts);
      const seconds = timePerCall(() => d.jacobian(fn, at, opts), options.timing ?? 0.05);
      // The comparison reports plain arrays whatever the point's kind.
      const J = first.result.map(toArray);
      const relError = refFlat ? relativeError(J.flat(), refFlat) : undefined;
      const shaped = vector ? { jacobian: J } : { gradient: unflatten(layout, J[0]) };
      return { method: m.label, ok: true, ...shaped, relError, seconds, stats: first.stats };
    } catch (err) {
      const e = failure(err);
      return { method: m.label, ok: false, error: e.message, code: e.code };
    }
  });
  const warnings = nearBoundaries(fn, layout, flatten(layout, at));
  if ('error' in ref) warnings.push(...disagreements(methods, ref.error.message));
  for (const m of methods) {
    const base = m.method.split(':')[0] as MethodName;
    if (m.ok && m.relError !== undefined && m.relError > differentiator(base).facts.tolerance) {
      warnings.push(`${m.method} disagrees with the reference: relative error ${m.relError.toExponential(1)}`);
    }
    // A method that finds no real derivative where the reference has one; refusals are not that.
    if (!m.ok && refFlat && m.code === 'domain') warnings.push(`${m.method} disagrees with the reference: it finds no real derivative where the reference does`);
  }
  return {
    at,
    value,
    reference: 'error' in ref ? null : vector ? ref.jacobian : unflatten(layout, ref.jacobian[0]),
    ...('error' in ref ? { referenceError: ref.error.message } : {}),
    methods: methods.map(({ code, ...m }) => m),
    warnings,
  };
}

/** The message of a typed error, with its line and column; anything untyped is a bug, rethrown. */
function failure(err: unknown): { message: string; code: string } {
  if (!(err instanceof GradlabError)) throw err;
  const where = err.span && err.span.line > 0 ? ` at ${err.span.line}:${err.span.column}` : '';
  return { message: err.message + where, code: err.code };
}

function attempt<T>(call: () => T): T | { error: { message: string; code: string } } {
  try {
    return call();
  } catch (err) {
    return { error: failure(err) };
  }
}

/** Where the reference has no answer, the methods that still give one, if any, say the opposite of
 *  those that fail or give another. */
function disagreements(methods: readonly Run[], why: string): string[] {
  const answered = methods.filter((m) => m.ok);
  if (answered.length === 0) return [];
  const said = (m: MethodResult) => {
    const values = m.gradient ? Object.values(m.gradient).flat() : (m.jacobian ?? []).flat();
    return values.length === 1 ? String(values[0]) : `[${values.join(', ')}]`;
  };
  const failed = methods.filter((m) => !m.ok && m.code !== 'unsupported');
  const distinct = new Set(answered.map(said));
  if (failed.length === 0 && distinct.size === 1) return [`every method gives a value where the reference has none (${why})`];
  const gives = answered.map((m) => `${m.method} gives ${said(m)}`);
  const fail = failed.length ? [`${failed.map((m) => m.method).join(', ')} find${failed.length === 1 ? 's' : ''} none`] : [];
  return [`the methods disagree where the reference has no value (${why}): ${[...gives, ...fail].join('; ')}`];
}

/** Median seconds per call over repeated batches filling about `budget` seconds. */
export function timePerCall(call: () => unknown, budget: number): number {
  const samples: number[] = [];
  let reps = 1;
  const deadline = performance.now() + budget * 1000;
  while (samples.length === 0 || (performance.now() < deadline && samples.length < 50)) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) call();
    const dt = (performance.now() - t0) / 1000;
    if (dt < 1e-3 && reps < 1 << 20) {
      reps *= 4;
      continue;
    }
    samples.push(dt / reps);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}
