// `gradlab compare`, `diff`, `simplify` and `demo` end to end through the built binary.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const LOOP = 'while abs(x) > 5 { x = x / 2 } return x^2';

function gradlab(args: readonly string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' before the CLI tests`);
});

describe('gradlab compare', () => {
  it('reports every method against the reference in the documented JSON shape', () => {
    const r = gradlab(['compare', LOOP, '--at', 'x=12', '--json']);
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(Object.keys(c)).toEqual(expect.arrayContaining(['at', 'value', 'reference', 'methods']));
    expect(c.at).toEqual({ x: 12 });
    expect(c.value).toBe(9);
    expect(c.reference).toEqual({ x: 1.5 });
    const by = Object.fromEntries(c.methods.map((m: { method: string }) => [m.method, m]));
    expect(Object.keys(by)).toEqual(['finite', 'symbolic', 'forward', 'reverse']);
    for (const name of ['finite', 'forward', 'reverse']) {
      expect(by[name].ok).toBe(true);
      expect(by[name].gradient.x).toBeCloseTo(1.5, 6);
      expect(by[name].relError).toBeLessThan(1e-6);
      expect(by[name].seconds).toBeGreaterThan(0);
    }
    expect(by.symbolic.ok).toBe(false);
    expect(by.symbolic.error).toMatch(/while loop.* at 1:1/);
  });

  it('gives a Jacobian, rows outputs and columns inputs, for a vector-valued function', () => {
    const c = JSON.parse(gradlab(['compare', '[x y, x + y, exp(x)]', '--at', 'x=1,y=2', '--json']).stdout);
    expect(c.reference).toEqual([[2, 1], [1, 1], [Math.E, 0]]);
    for (const m of c.methods) expect(m.jacobian).toHaveLength(3);
  });

  it('keys a vector input by name with an array', () => {
    const c = JSON.parse(gradlab(['compare', 'sum(v) + v[1] v[2]', '--at', 'v=[1,2,3]', '--json', '--methods', 'reverse']).stdout);
    expect(c.reference).toEqual({ v: [3, 2, 1] });
    expect(c.methods[0].gradient).toEqual({ v: [3, 2, 1] });
  });

  it('warns at a branch boundary, where finite differences straddle it', () => {
    const r = gradlab(['compare', LOOP, '--at', 'x=40']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/warning: the point is within a step .* of the boundary of the while at 1:1/);
    expect(r.stdout).toMatch(/warning: finite disagrees with the reference/);
  });

  it('runs every finite-difference scheme with --methods all', () => {
    const c = JSON.parse(gradlab(['compare', 'exp(sin(x))', '--at', 'x=0.7', '--methods', 'all', '--json']).stdout);
    expect(c.methods.map((m: { method: string }) => m.method)).toEqual([
      'finite:forward', 'finite:backward', 'finite:central', 'finite:five-point', 'finite:richardson', 'finite:complex-step', 'symbolic', 'forward', 'reverse',
    ]);
    expect(c.methods.every((m: { ok: boolean }) => m.ok)).toBe(true);
  });

  it('runs the engine asked for and gives the reference the time limit asked for', () => {
    const slow = 's = 0\nfor k = 1:20000 {\n  s = s + sin(x * k)\n}\ns';
    const r = gradlab(['compare', slow, '--at', 'x=0.3', '--engine', 'interpreted', '--reference-time-limit', '0.05', '--methods', 'forward,reverse', '--json']);
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.reference).toBeNull();
    expect(c.referenceError).toMatch(/ran past its time limit of 0.05 s .*--reference-time-limit/);
    for (const m of c.methods) expect([m.ok, m.stats.engine]).toEqual([true, 'interpreted']);
    expect(c.methods[0].gradient.x).toBeCloseTo(c.methods[1].gradient.x, 8);
    const bad = gradlab(['compare', 'x', '--at', 'x=1', '--reference-time-limit', '-1']);
    expect([bad.status, bad.stderr.trim().split('\n').length]).toEqual([1, 1]);
  });

  it('refuses an unknown method with a clear error and exit code 1', () => {
    const r = gradlab(['compare', 'x', '--at', 'x=1', '--methods', 'magic']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: no method 'magic'/);
  });
});

describe('gradlab diff and simplify', () => {
  it.each([
    [['diff', '2x + 3x^2 + x(6 - 2)'], /^(6x \+ 6|6\(x \+ 1\))$/],
    [['diff', 'sin(x)^2 + cos(x)^2'], /^0$/],
    [['simplify', 'sin(x)^2 + cos(x)^2'], /^1$/],
    [['diff', 'x^2 y', '--wrt', 'y'], /^x\^2$/],
    [['diff', 'x^3', '--latex'], /^3 {?x}?\^\{2\}$/],
  ])('%j', (args, want) => {
    const r = gradlab(args);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(want);
  });

  it('prints {"derivative", "treeNodes", "dagNodes"} with --json', () => {
    const d = JSON.parse(gradlab(['diff', '(x+1)(x+2)(x+3)(x+4)', '--json']).stdout);
    expect(typeof d.derivative).toBe('string');
    expect(d.treeNodes).toBeGreaterThanOrEqual(d.dagNodes);
  });

  it('asks which variable when there are several', () => {
    const r = gradlab(['diff', 'x y']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--wrt/);
  });

  it('refuses a while loop, naming it and its line', () => {
    const r = gradlab(['diff', `y = 1\n${LOOP}`]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/while loop.* at 2:1/);
  });
});

describe('gradlab demo', () => {
  const out = mkdtempSync(join(tmpdir(), 'gradlab-demo-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('vanishing: writes its chart and prints the norms, sigmoid shrinking with depth', () => {
    const r = gradlab(['demo', 'vanishing', '--out', out, '--json']);
    expect(r.status).toBe(0);
    const { figures } = JSON.parse(r.stdout);
    const first = (a: string, depth: number) => figures.find((f: { activation: string; hiddenLayers: number }) => f.activation === a && f.hiddenLayers === depth).norms[0];
    expect(first('sigmoid', 10)).toBeLessThan(first('sigmoid', 2) / 1000);
    expect(first('relu', 10)).toBeGreaterThan(first('sigmoid', 10) * 1000);
    expect(readFileSync(join(out, 'vanishing.svg'), 'utf8')).toMatch(/^<svg/);
  });

  it('divergence: reports the run that diverged', () => {
    const r = gradlab(['demo', 'divergence', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/training diverged at epoch \d+/);
  });
});
