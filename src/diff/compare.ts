// `compare`: every method on the same function and point, judged against the 50-digit reference,
// with timings and warnings where the point is treacherous or the methods disagree.
import { GradlabError } from '../errors';
import { relativeError } from './distance';
import { compile, flatten, layoutOf, unflatten, type FnLike, type Point } from './fn';
import { nearBoundaries } from './probe';
import { reference } from './reference';
import { differentiator, METHODS } from './registry';
import type { MethodName, Options, Scheme, Stats } from './types';

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

export interface Comparison {
  readonly at: Point;
  readonly value: number | number[];
  readonly reference: Record<string, number | number[]> | number[][];
  readonly methods: MethodResult[];
  readonly warnings: string[];
}

/** Agreement expected of a method with the reference before compare warns. */
const TOLERANCE: Record<MethodName, number> = { finite: 1e-5, symbolic: 1e-12, forward: 1e-12, reverse: 1e-12 };

export interface CompareOptions {
  methods?: readonly string[];
  /** Seconds to spend timing each method (default 0.05). */
  timing?: number;
  maxIterations?: number;
}

export function compare(f: FnLike, at: Point, options: CompareOptions = {}): Comparison {
  const fn = compile(f);
  const layout = layoutOf(fn, at);
  const ref = reference(fn, at, { maxIterations: options.maxIterations });
  const vector = typeof ref.value !== 'number';
  const refFlat = ref.jacobian.flat();
  const methods = parseMethods(options.methods ?? METHODS).map((m): MethodResult => {
    const d = differentiator(m.method);
    const opts = { ...m.options, maxIterations: options.maxIterations };
    try {
      const first = d.jacobian(fn, at, opts);
      const seconds = timePerCall(() => d.jacobian(fn, at, opts), options.timing ?? 0.05);
      const relError = relativeError(first.result.flat(), refFlat);
      const shaped = vector ? { jacobian: first.result } : { gradient: unflatten(layout, first.result[0]) };
      return { method: m.label, ok: true, ...shaped, relError, seconds, stats: first.stats };
    } catch (err) {
      if (!(err instanceof GradlabError)) throw err;
      const where = err.span && err.span.line > 0 ? ` at ${err.span.line}:${err.span.column}` : '';
      return { method: m.label, ok: false, error: err.message + where };
    }
  });
  const warnings = nearBoundaries(fn, layout, flatten(layout, at));
  for (const m of methods) {
    const base = m.method.split(':')[0] as MethodName;
    if (m.ok && m.relError! > TOLERANCE[base]) {
      warnings.push(`${m.method} disagrees with the reference: relative error ${m.relError!.toExponential(1)}`);
    }
  }
  return {
    at,
    value: ref.value,
    reference: vector ? ref.jacobian : unflatten(layout, ref.jacobian[0]),
    methods,
    warnings,
  };
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
