// checkGradient: the Taylor remainder falls as t² for the true gradient and as t for a wrong one,
// for expressions, programs and vector inputs; and `gradlab check` end to end (dist/cli.js).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkGradient } from '../../src/harness/check';
import type { Point } from '../../src/diff/fn';
import { gradient } from '../../src/diff/registry';

const { cos, exp, sin } = Math;
const v = [1, 2, 3];

/** f, the point, its true gradient, and a wrong one (a slip a hand derivation might make). */
const CASES: readonly [string, Point, Point, Point][] = [
  ['x^2 y + sin(x y)', { x: 1.5, y: 2 }, { x: 2 * 1.5 * 2 + 2 * cos(3), y: 1.5 ** 2 + 1.5 * cos(3) }, { x: 2 * 1.5 * 2, y: 1.5 ** 2 }],
  ['exp(2x)', { x: 0.3 }, { x: 2 * exp(0.6) }, { x: exp(0.6) }],
  ['log(x)', { x: 0.1 }, { x: 10 }, { x: 9 }],
  ['sigmoid(w x + b)', { w: 0.5, x: 2, b: -0.3 }, (() => { const s = 1 / (1 + exp(-0.7)); const d = s * (1 - s); return { w: 2 * d, x: 0.5 * d, b: d }; })(), { w: 2, x: 0.5, b: 1 }],
  ['while abs(x) > 5 { x = x / 2 } return x^2', { x: 12 }, { x: 1.5 }, { x: 6 }],
  ['v[1]^2 + v[2]^2 v[3] + sin(v[3])', { v }, { v: [2, 12, 4 + cos(3)] }, { v: [2, 12, 4 - cos(3)] }],
  ['dot(v, v)', { v }, { v: [2, 4, 6] }, { v: [1, 2, 3] }],
  ['s = 0; for i = 1:length(v) { s = s + v[i]^3 } return s', { v }, { v: [3, 12, 27] }, { v: [3, 12, 26] }],
];

describe('checkGradient', () => {
  it.each(CASES)('%s: the true gradient gives slope 2 and ok', (f, at, right) => {
    const c = checkGradient(f, at, right);
    expect(c.verdict).toBe('ok');
    expect(c.slope).toBeCloseTo(2, 1);
    expect(c.relError).toBeLessThan(1e-12);
    expect(c.points.filter((p) => p.used).length).toBeGreaterThanOrEqual(3);
  });

  it.each(CASES)('%s: a wrong gradient gives slope 1 and wrong', (f, at, _right, wrong) => {
    const c = checkGradient(f, at, wrong);
    expect(c.verdict).toBe('wrong');
    expect(c.slope).toBeCloseTo(1, 1);
    expect(c.relError).toBeGreaterThan(1e-3);
  });

  it('tells right from wrong at random points and random errors of 1% or more (fast-check)', () => {
    const f = 'x^2 y + sin(x y) + exp(x / 4)';
    const coordinate = fc.double({ min: -3, max: 3, noNaN: true });
    const error = fc.tuple(fc.double({ min: 0.01, max: 2, noNaN: true }), fc.boolean(), fc.constantFrom('x', 'y'));
    fc.assert(
      fc.property(coordinate, coordinate, error, fc.nat(1000), (x, y, [size, negative, which], seed) => {
        const right = gradient(f, { x, y }) as { x: number; y: number };
        const scale = Math.max(Math.hypot(right.x, right.y), 1);
        const wrong = { ...right, [which]: right[which] + (negative ? -1 : 1) * size * scale };
        expect(checkGradient(f, { x, y }, right, { seed }).verdict).toBe('ok');
        expect(checkGradient(f, { x, y }, wrong, { seed }).verdict).toBe('wrong');
      }),
      { seed: 20250101, numRuns: 200 },
    );
  });

  it.each([1, 2, 3, 42])('does not depend on the seed (%i) for a clear case', (seed) => {
    const [f, at, right, wrong] = CASES[5];
    expect(checkGradient(f, at, right, { seed }).verdict).toBe('ok');
    expect(checkGradient(f, at, wrong, { seed }).verdict).toBe('wrong');
  });

  it('draws the same direction from the same seed, another from another', () => {
    const [f, at, right] = CASES[0];
    expect(checkGradient(f, at, right, { seed: 7 }).direction).toEqual(checkGradient(f, at, right, { seed: 7 }).direction);
    expect(checkGradient(f, at, right, { seed: 8 }).direction).not.toEqual(checkGradient(f, at, right, { seed: 7 }).direction);
  });

  it('returns forward mode\'s gradient shaped like the inputs, and takes a flat claim', () => {
    const c = checkGradient('v[1]^2 + v[2]^2 v[3] + sin(v[3])', { v }, [2, 12, 4 + cos(3)]);
    expect(c.verdict).toBe('ok');
    expect(c.claimed).toEqual({ v: [2, 12, 4 + cos(3)] });
    expect(c.forward.v).toHaveLength(3);
    expect((c.forward.v as number[])[2]).toBeCloseTo(4 + cos(3), 14);
  });

  it('calls a linear f with its gradient ok: the remainder is round-off at every t', () => {
    const c = checkGradient('3x - 2y + 1', { x: 1, y: 2 }, { x: 3, y: -2 });
    expect(c.verdict).toBe('ok');
    expect(c.slope).toBeNull();
    expect(checkGradient('3x - 2y + 1', { x: 1, y: 2 }, { x: 3, y: -1 }).verdict).toBe('wrong');
  });

  it('skips steps that leave the domain and fits the rest', () => {
    const c = checkGradient('sqrt(x)', { x: 0.01 }, { x: 0.5 / sin(Math.PI / 2) / 0.1 }, { direction: [-1] });
    expect(c.points[0].remainder).toBeNull();
    expect(c.verdict).toBe('ok');
  });

  it.each([
    ['x y', { x: 1, y: 2 }, { x: 2 }, "no entry for 'y'"],
    ['x y', { x: 1, y: 2 }, { x: 2, y: 1, z: 0 }, "'z' in the claimed gradient is not an input"],
    ['x y', { x: 1, y: 2 }, { x: 2, y: [1] }, "for 'y' is a vector of 1; the input is a number"],
    ['x y', { x: 1, y: 2 }, [1, 2, 3], 'has 3 entries; the function has 2 inputs'],
    ['[x, y]', { x: 1, y: 2 }, { x: 1, y: 1 }, 'needs a function with one output'],
  ] as const)('%s at %j, claiming %j: a clear error', (f, at, claimed, message) => {
    expect(() => checkGradient(f, at, claimed as Point)).toThrow(message);
  });
});

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

function gradlab(args: readonly string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('gradlab check', () => {
  it('is built (run npm run build first)', () => {
    expect(existsSync(CLI)).toBe(true);
  });

  it('says ok for the right gradient given as values', () => {
    const g = { x: 2 * 1.5 * 2 + 2 * cos(3), y: 1.5 ** 2 + 1.5 * cos(3) };
    const r = gradlab(['check', 'x^2 y + sin(x y)', '--at', 'x=1.5,y=2', '--grad', `x=${g.x},y=${g.y}`]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ok: slope 2\.0\d/m);
    expect(r.stdout).toContain('forward   x=');
  });

  it('says wrong, with exit code 1, for a wrong one given as expressions', () => {
    const r = gradlab(['check', 'x^2 y + sin(x y)', '--at', 'x=1.5,y=2', '--grad-expr', 'x=2x y, y=x^2', '--json']);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.verdict).toBe('wrong');
    expect(out.slope).toBeCloseTo(1, 1);
    expect(Object.keys(out).sort()).toEqual(['claimed', 'direction', 'forward', 'points', 'reason', 'relError', 'seed', 'slope', 'value', 'verdict']);
    expect(out.points[0]).toEqual({ t: 0.5, remainder: expect.any(Number), used: expect.any(Boolean) });
  });

  it('checks expressions per input against forward mode, vector inputs too', () => {
    const r = gradlab(['check', 'dot(v, v) + x v[2]', '--at', 'x=2,v=[1,2,3]', '--grad-expr', 'x=v[2], v=[2v[1], 2v[2] + x, 2v[3]]', '--json', '--seed', '5']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ verdict: 'ok', seed: 5, claimed: { x: 2, v: [2, 6, 6] }, forward: { x: 2, v: [2, 6, 6] }, relError: 0 });
  });

  it.each([
    [['check', 'x^2', '--at', 'x=1'], 'give the claimed gradient with either --grad or --grad-expr'],
    [['check', 'x^2', '--at', 'x=1', '--grad', 'x=2', '--grad-expr', 'x=2x'], 'give the claimed gradient with either --grad or --grad-expr'],
    [['check', 'x^2', '--at', 'x=1', '--grad', 'x2'], '--grad expects name=value pairs'],
    [['check', 'x^2', '--at', 'x=1', '--grad-expr', 'x=2*'], '--grad-expr x=2*:'],
    [['check', 'x^2', '--at', 'x=1', '--grad', 'y=2'], "'y' in the claimed gradient is not an input"],
  ])('%j fails with a one-line message', (args, message) => {
    const r = gradlab(args);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
