// The recorded GradBench cases (the C++ manual tool's answers) replayed through `gradlab
// gradbench` as a process, for every method on the sizes it affords, judged by GradBench's rule.
import { describe, expect, it } from 'vitest';
import { METHODS } from '../../src/diff/registry';
import { evaluateMessage, mismatches, recordedCases, session, type Case } from './support';

const CASES = recordedCases();

/** Sizes past which a method is too slow for a test (a central difference of lse at n = 2500 is
 *  5,001 evaluations; symbolic llsq takes a minute to derive and simplify at n = 16, m = 128, so only its primal). */
const AFFORDS: Record<string, (c: Case) => boolean> = {
  reverse: () => true,
  forward: (c) => !(c.module === 'lse' && size(c) > 200),
  finite: (c) => !(c.module === 'lse' && size(c) > 200),
  symbolic: (c) => c.module === 'hello' || c.module === 'det' || (c.module === 'lse' && size(c) <= 100) || (c.module === 'llsq' && c.function === 'primal'),
};

function size(c: Case): number {
  const x = (c.input as { x?: unknown[] }).x;
  return x?.length ?? 0;
}

describe.each(METHODS)('gradlab gradbench --method %s', (method) => {
  const cases = CASES.filter(AFFORDS[method]);
  const modules = [...new Set(cases.map((c) => c.module))];

  it(`answers ${cases.length} recorded cases (${modules.join(', ')}) within GradBench's 1e-4`, async () => {
    const defines = modules.map((module, i) => JSON.stringify({ id: i + 1, kind: 'define', module }));
    const first = defines.length + 1;
    const run = await session([JSON.stringify({ id: 0, kind: 'start' }), ...defines, ...cases.map((c, i) => evaluateMessage(first + i, c))], ['--method', method]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const responses = run.lines.map((l) => JSON.parse(l));
    expect(responses.map((r) => r.id)).toEqual(Array.from({ length: first + cases.length }, (_, i) => i));
    expect(responses.slice(1, first).every((r) => r.success === true)).toBe(true);
    const wrong = cases.flatMap((c, i) => {
      const r = responses[first + i];
      const what = `${c.module} ${c.function} ${c.description ?? JSON.stringify(c.input)}`;
      if (r.success !== true) return [`${what}: ${r.error}`];
      return mismatches(c.output, r.output).map((m) => `${what}: ${m}`);
    });
    expect(wrong).toEqual([]);
  }, 120_000);
});

it('every method takes on every recorded module at some size', () => {
  const modules = new Set(CASES.map((c) => c.module));
  for (const method of METHODS) expect(new Set(CASES.filter(AFFORDS[method]).map((c) => c.module))).toEqual(modules);
});
