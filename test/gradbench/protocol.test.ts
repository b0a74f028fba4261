// The protocol itself: ids, one line per message, start, define of what gradlab lacks, timings as
// min_runs and min_seconds ask, and malformed lines; end to end through the command as a process
// where the command is what is tested (stdout kept clean, stderr, exit codes), in process elsewhere.
import { describe, expect, it } from 'vitest';
import { conversation, served, session } from './support';

const line = (m: unknown): string => JSON.stringify(m);
const square = (id: number, input: unknown): string => line({ id, kind: 'evaluate', module: 'hello', function: 'square', input });
const lse = (id: number, runs: object): string => line({ id, kind: 'evaluate', module: 'lse', function: 'gradient', input: { x: [1, 2, 3], ...runs } });

describe('gradlab gradbench', () => {
  it('answers each message with one line carrying its id, before the next is sent, as an eval waits', async () => {
    const answers = await conversation([
      line({ id: 0, kind: 'start', eval: 'hello' }),
      line({ id: 1, kind: 'define', module: 'hello' }),
      square(2, 3),
      line({ id: 3, kind: 'evaluate', module: 'hello', function: 'double', input: 3 }),
      line({ id: 4, kind: 'analysis', of: 3, valid: true }),
      line({ id: 5, kind: 'end' }),
    ]);
    const r = answers.map((l) => JSON.parse(l));
    expect(r.map((x) => x.id)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(r[0]).toEqual({ id: 0, tool: 'gradlab', config: { method: 'reverse' } });
    expect(r[1]).toEqual({ id: 1, success: true });
    expect(r[2]).toMatchObject({ id: 2, success: true, output: 9 });
    expect(r[3]).toMatchObject({ id: 3, success: true, output: 6 });
    expect(r[4]).toEqual({ id: 4 });
    expect(r[5]).toEqual({ id: 5 });
  });

  it('names the method in its start response', async () => {
    const run = await served([line({ id: 0, kind: 'start' })], 'finite');
    expect(JSON.parse(run.lines[0])).toEqual({ id: 0, tool: 'gradlab', config: { method: 'finite' } });
  });

  it('declines a module it does not implement, saying why', async () => {
    const run = await served([line({ id: 0, kind: 'define', module: 'particle' }), line({ id: 1, kind: 'define', module: 'nonesuch' })]);
    const [particle, other] = run.lines.map((l) => JSON.parse(l));
    expect(particle).toMatchObject({ id: 0, success: false, code: 'unsupported' });
    expect(particle.error).toMatch(/'particle'.*nested differentiation/);
    expect(other).toMatchObject({ id: 1, success: false });
    expect(other.error).toMatch(/'nonesuch'.*implements hello, llsq, lse, det, ode, kmeans, gmm/);
  });

  it('reports one evaluate timing per run, min_runs and min_seconds honoured, and prepare apart', async () => {
    const run = await served([lse(0, { min_runs: 3, min_seconds: 0 }), lse(1, { min_runs: 1, min_seconds: 0.05 })]);
    const [three, timed] = run.lines.map((l) => JSON.parse(l));
    const named = (r: { timings: { name: string; nanoseconds: number }[] }, name: string) => r.timings.filter((t) => t.name === name);
    expect(named(three, 'evaluate')).toHaveLength(3);
    expect(named(three, 'prepare')).toHaveLength(1);
    expect(three.timings.every((t: { nanoseconds: number }) => Number.isInteger(t.nanoseconds) && t.nanoseconds >= 0)).toBe(true);
    const total = named(timed, 'evaluate').reduce((s: number, t: { nanoseconds: number }) => s + t.nanoseconds, 0);
    expect(total).toBeGreaterThanOrEqual(0.05e9);
    // The last run stops the count: without it the sum would still be short of min_seconds.
    expect(total - named(timed, 'evaluate').at(-1)!.nanoseconds).toBeLessThan(0.05e9);
  });

  it('answers bad input with a typed error and carries on', async () => {
    const run = await served([
      line({ id: 0, kind: 'evaluate', module: 'hello', function: 'cube', input: 2 }),
      square(1, 'three'),
      line({ id: 2, kind: 'evaluate', module: 'det', function: 'primal', input: { A: [1, 2, 3], ell: 2 } }),
      line({ id: 3, kind: 'evaluate', module: 'llsq', function: 'primal', input: { x: [1, 'a'], n: 4 } }),
      line({ id: 4, kind: 'define' }),
      line({ id: 5, kind: 'evaluate', module: 'hello', function: 'square' }),
      line({ id: 6, kind: 3 }),
      square(7, 4),
    ]);
    const r = run.lines.map((l) => JSON.parse(l));
    expect(r.map((x) => x.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(r.slice(0, 7).every((x) => x.success === false && typeof x.error === 'string' && typeof x.code === 'string')).toBe(true);
    expect(r[0].error).toMatch(/hello has no function 'cube'.*square, double/);
    expect(r[1]).toMatchObject({ code: 'type', error: expect.stringMatching(/input must be a finite number/) });
    expect(r[2]).toMatchObject({ code: 'shape', error: expect.stringMatching(/input.A has 3 entries/) });
    expect(r[3].error).toMatch(/input\.x\[1\] must be a finite number/);
    expect(r[4].error).toMatch(/"define" message needs a string "module"/);
    expect(r[5].error).toMatch(/needs an "input"/);
    expect(r[6].error).toMatch(/string "kind"/);
    expect(r[7]).toMatchObject({ id: 7, success: true, output: 16 });
    expect(run.status).toBe(0);
  });

  it('writes a line it cannot answer (no id) to stderr, never to stdout, and goes on', async () => {
    const run = await session(['{"id": 0, "kind": "start"', '[1, 2]', '{"kind": "start"}', '', square(0, 5)]);
    expect(run.lines.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ id: 0, success: true, output: 25 })]);
    expect(run.stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^gradlab gradbench: line 1: not JSON/),
      expect.stringMatching(/^gradlab gradbench: line 2: a message is a JSON object/),
      expect.stringMatching(/^gradlab gradbench: line 3: a message needs an "id"/),
    ]);
    expect(run.status).toBe(0);
  });

  it('rejects an unknown method on the command line', async () => {
    const run = await session([], ['--method', 'magic']);
    expect(run.status).toBe(1);
    expect(run.lines).toEqual([]);
    expect(run.stderr).toMatch(/--method.*magic/);
  });
});
