// The generated primal (and the reverse sweep's forward half) tests NaN where it could be lost and
// at the result, not per statement:
// every way a NaN can vanish before the result still gives the interpreter's error (code,
// message, line:column), and the plan leaves the accumulators of the benchmarks untested.
import { describe, expect, it } from 'vitest';
import { outcome } from './support';
import { compile, differentiators, evaluate, parse, type Point } from '../../src/index';
import { variableKinds, withFinalReturn } from '../../src/compile/analyze';
import { nanPlan } from '../../src/compile/nan';
import { primalSource } from '../../src/compile/primal';
import { reverseSource } from '../../src/compile/reverse';

/** A NaN made at x = −1 by log, then lost (or kept) on its way to the result. */
const LOST: readonly [string, string, Point][] = [
  ['overwritten', 'y = log(x)\ny = 2\nreturn y', { x: -1 }],
  ['never read', 'y = log(x)\nreturn x', { x: -1 }],
  ['compared', 'y = log(x)\nif y > 0 { return 1 }\nreturn 2', { x: -1 }],
  ['compared on the right of an or', 'y = log(x)\nif x < 0 or y > 0 { return 1 }\nreturn 2', { x: -1 }],
  ['a while condition', 'y = log(x)\nk = 0\nwhile k < y { k = k + 1 }\nreturn k', { x: -1 }],
  ['a loop bound', 'y = log(x)\ns = 0\nfor i = 1:y { s = s + i }\nreturn s', { x: -1 }],
  ['an index', 'y = log(x)\nreturn v[y]', { x: -1, v: [1, 2] }],
  ['a masking pow', 'y = log(x)\nreturn pow(y, 0)', { x: -1 }],
  ['a masking heaviside', 'y = log(x)\nreturn heaviside(y) + 1', { x: -1 }],
  ['a masking relu of a sum', 'y = log(x)\nz = y + 1\nreturn relu(z)', { x: -1 }],
  ['stored in a vector not returned', 'v = [1, 2]\ny = log(x)\nv[1] = y\nreturn 3', { x: -1 }],
  ['in a literal vector not returned', 'y = log(x)\nv = [y, 2]\nreturn 3', { x: -1 }],
  ['an expression statement', 'y = x\nlog(y)\nreturn 1', { x: -1 }],
  ['killed on the next trip', 's = 0\nfor i = 1:3 {\n  t = log(x + 2 - i)\n  s = s + 1\n}\nreturn s', { x: 0 }],
  ['overwritten inside a loop, read after it', 's = 0\nfor i = 1:3 {\n  s = log(x - i)\n  s = 1\n}\nreturn s', { x: 0 }],
  ['a loop of no trips after it', 'i = log(x)\nfor i = 1:0 { x = 1 }\nreturn 2', { x: -1 }],
  ['the counter of a loop after it', 'i = log(x)\nfor i = 1:2 { x = 1 }\nreturn i', { x: -1 }],
  ['a branch not taken', 'y = log(x)\nif x < 0 { y = 1 } else { y = y + 1 }\nreturn y', { x: -1 }],
  ['a branch taken', 'y = log(x)\nif x < 0 { y = y + 1 } else { y = 1 }\nreturn y', { x: -1 }],
  ['carried to the result', 's = 0\nfor i = 1:3 { s = s + log(x - i) }\nreturn s', { x: 2 }],
  ['an accumulator then a return inside the loop', 's = 0\nfor i = 1:3 {\n  s = s + log(x - i)\n  if i == 2 { return 0 }\n}\nreturn s', { x: 1.5 }],
  ['max of NaN', 'y = log(x)\nreturn max(y, 1)', { x: -1 }],
  ['min over a vector', 'y = log(x)\nv = [y, 1]\nreturn min(v)', { x: -1 }],
];

describe('a NaN that could be lost still raises the interpreter’s error', () => {
  it.each(LOST)('%s', (_, source, at) => {
    const fn = compile(source);
    const want = outcome(() => evaluate(fn, at as never, { engine: 'interpreted' }));
    expect(want).toMatchObject({ code: 'domain' });
    expect(outcome(() => evaluate(fn, at as never))).toEqual(want);
    // The reverse sweep's forward half follows the same plan.
    const d = differentiators.reverse;
    const wantGradient = outcome(() => d.gradient(fn, at, { engine: 'interpreted' }));
    expect(wantGradient).toMatchObject({ code: 'domain' });
    expect(outcome(() => d.gradient(fn, at))).toEqual(wantGradient);
  });
});

const plan = (source: string) => {
  const program = parse(source);
  const kinds = variableKinds(program, new Map(program.kind === 'program' ? [['x', 'vector']] : []));
  return { program, kinds, plan: nanPlan(withFinalReturn(program), kinds) };
};

describe('the plan', () => {
  it('leaves an accumulator that reaches the result untested, and tests the result', () => {
    const source = 'm = max(x)\ns = 0\nfor i = 1:length(x) {\n  s = s + exp(x[i] - m)\n}\nreturn m + log(s)';
    const { program, kinds, plan: p } = plan(source);
    expect([...p.dirty].sort()).toEqual(['m', 's']);
    const js = primalSource(program, ['x'], kinds);
    // One NaN test, at the result (the loop's two copies and max test nothing).
    expect(js.match(/!== t\d+_\d+\)/g)).toHaveLength(1);
  });

  it('tests an assignment whose value is overwritten before any test', () => {
    const { plan: p } = plan('y = sin(x[1])\ny = 2\nreturn y');
    expect(p.dirty.has('y')).toBe(true);
    expect([...p.untested].map((s) => s.span.line)).toEqual([2]);
  });

  it('in the reverse sweep, tests what runs after a return (the sweep runs on) and leaves the accumulator untested', () => {
    const program = parse('s = 0\nfor i = 1:length(x) { s = s + x[i]^2 }\nreturn s');
    const kinds = variableKinds(program, new Map([['x', 'vector']]));
    expect([...nanPlan(withFinalReturn(program), kinds, false).dirty]).toEqual(['s']);
    const js = reverseSource(program, ['x'], kinds);
    expect(js).toContain('if (v_s !== v_s) throw BAIL;');
    // Nothing after the body is caught: a last assignment's NaN is tested.
    const dead = parse('y = sin(x[1])\nreturn x[1]');
    expect(nanPlan(withFinalReturn(dead), variableKinds(dead, new Map([['x', 'vector']])), false).untested.size).toBe(0);
  });

  it('tests a dirty variable where it is read at a tested point', () => {
    const { program, kinds } = plan('s = 0\nfor i = 1:length(x) { s = s + x[i] }\nif s > 1 { return 1 }\nreturn 0');
    const js = primalSource(program, ['x'], kinds);
    expect(js).toContain('if (v_s !== v_s) throw BAIL;');
  });
});
