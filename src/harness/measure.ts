// What the studies share: the error measure and correct digits, the methods they run, failures
// as messages, and one-off timings (repeated timings are compare's `timePerCall`).
import { performance } from 'node:perf_hooks';
import { parseMethods, timePerCall, type MethodSpec } from '../diff/compare';
import { GradlabError } from '../errors';
import { mixedError, relativeError } from '../diff/distance';

export { mixedError };

/** Every finite-difference scheme (`finite:forward` … `finite:complex-step`), then symbolic, forward, reverse. */
export const ALL_METHODS: readonly MethodSpec[] = parseMethods(['all']);

/** The relative error `compare` reports, under the name the rows carry. */
export const relError = relativeError;

/** Digits a float64 can hold; an exact answer is credited with these. */
export const MAX_DIGITS = 17;

/** Correct digits: −log₁₀ of the error, within [0, 17] (an error of 1 or more has no digit right). */
export function digitsOf(error: number): number {
  if (error === 0) return MAX_DIGITS;
  if (!(error < 1)) return 0;
  return Math.min(MAX_DIGITS, -Math.log10(error));
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Why a call failed, in one line: gradlab's message with the place in the source, or what broke. */
export function failure(err: unknown): string {
  if (err instanceof GradlabError) {
    const where = err.span && err.span.line > 0 ? ` at ${err.span.line}:${err.span.column}` : '';
    return err.message + where;
  }
  // Not gradlab's own error: a bug, or the engine giving up (stack, memory); the report says so.
  return `internal error: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
}

/** A method that refused by design (symbolic differentiation of an input-dependent loop). */
export function refused(err: unknown): boolean {
  return err instanceof GradlabError && err.code === 'unsupported';
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string; readonly refused: boolean };

export function attempt<T>(call: () => T): Outcome<T> {
  try {
    return { ok: true, value: call() };
  } catch (err) {
    return { ok: false, error: failure(err), refused: refused(err) };
  }
}

/** Seconds one call takes, and what it returned. */
export function timed<T>(call: () => T): { seconds: number; value: T } {
  const t0 = performance.now();
  const value = call();
  return { seconds: (performance.now() - t0) / 1000, value };
}

/** Seconds per call once warm: a quarter of the budget goes on calls that are not counted, so the
 *  JIT compiler has settled (for gradlab and peers alike); the rest on three rounds, each a median,
 *  of which the least is kept, as other work on a shared machine only ever adds time. */
export function steadySeconds(call: () => unknown, budget: number): number {
  timePerCall(call, budget / 4);
  return Math.min(...[1, 2, 3].map(() => timePerCall(call, budget / 4)));
}

/** Above this many seconds a call is timed once: repeating it would cost more than it adds. */
const SLOW = 0.2;

/** Seconds per call after a first call (which may also have traced, derived or compiled): a slow
 *  call is timed once more, a fast one (or one that was only slow the first time) steadily. */
export function secondsAfterFirst(call: () => unknown, first: number, budget: number): number {
  if (first <= SLOW) return steadySeconds(call, budget);
  const second = timed(call).seconds;
  return second > SLOW ? second : steadySeconds(call, budget);
}

/** Lets a long study hand the event loop back (progress bars redraw, timers fire) between steps. */
export const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export type Progress = (done: number, total: number) => void;
