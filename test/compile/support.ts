// What the both-engine tests share: the cases (the differentiation corpus and the accuracy suite
// at points drawn from a seed) and an answer or error as the user sees it.
import { GradlabError, type Point } from '../../src/index';
import { ACCURACY_SUITE } from '../../src/harness/workloads';
import { Rng } from '../../src/nn/rng';
import { CORPUS } from '../diff/corpus';

/** The corpus and the accuracy suite, its points drawn with `seed`. */
export function bothEngineCases(seed: number): readonly { source: string; at: Point }[] {
  const rng = new Rng(seed);
  return [...CORPUS, ...ACCURACY_SUITE.map((w) => ({ source: w.source, at: w.sample(rng) }))];
}

/** A program's source on one line, for a test's name. */
export const label = (s: string) => s.replace(/\n/g, '; ');

/** The answer, or the error as the user sees it. */
export function outcome<T>(f: () => T): T | { code: string; message: string; line?: number; column?: number } {
  try {
    return f();
  } catch (err) {
    if (!(err instanceof GradlabError)) throw err;
    return { code: err.code, message: err.message, line: err.line, column: err.column };
  }
}
