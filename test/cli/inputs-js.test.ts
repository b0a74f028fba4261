// `-f model.js --fn loss` and `-f model.ts`: the CLI reading a function of a JavaScript or
// TypeScript file, through the built binary dist/cli.js (`npm run build` first).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tour } from '../../src/cli/tour';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'gradlab-js-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

function gradlab(args: readonly string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const MODEL = `const scale = 2;
function sq(t) { return t * t; }
export function loss(w, b) {
  let s = 0;
  for (const wi of w) s += sq(wi - b) * scale;
  return s;
}
export const other = (x) => Math.sin(x) * Math.floor(x);
`;

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' before the CLI tests`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gradlab with -f FILE.js --fn NAME', () => {
  it('compares every method on the named function, helpers and constants of the file included', () => {
    const r = gradlab(['compare', '-f', file('model.js', MODEL), '--fn', 'loss', '--at', 'w=[1,2,3],b=0.5', '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.value).toBe(17.5);
    for (const m of out.methods) if (m.method !== 'finite') expect(m.gradient).toEqual({ w: [2, 6, 10], b: -18 });
  });

  it('asks which function when the file has several', () => {
    const r = gradlab(['eval', '-f', file('model.js', MODEL), '--at', 'x=1']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('error: the file defines 3 functions (sq, loss, other): say which with --fn\n');
  });

  it('names a refusal at its line in the file, with the line and a caret', () => {
    const r = gradlab(['eval', '-f', file('model.js', MODEL), '--fn', 'other', '--at', 'x=1']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Math.floor is not in the JavaScript subset gradlab translates; it has no primitive in gradlab (no derivative rule) at 8:43\n8 | export const other = (x) => Math.sin(x) * Math.floor(x);\n  |");
  });

  it('strips the types of a .ts file', () => {
    const path = file('model.ts', 'export function loss(w: number[], b: number): number {\n  let s: number = 0;\n  for (const wi of w) s += (wi - b) ** 2;\n  return s;\n}\n');
    const r = gradlab(['eval', '-f', path, '--at', 'w=[1,2],b=0.5']);
    expect(r.stdout).toBe('2.5\n');
  });

  it('--fn without a .js or .ts file is a usage error', () => {
    const r = gradlab(['eval', 'x^2', '--fn', 'loss', '--at', 'x=1']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('error: --fn names a function of a .js or .ts file given with -f\n');
  });
});

describe('gradlab tour', () => {
  it('ends with the halving loop as a JS function: symbolic refuses at its JS line, AD follows', () => {
    const text = tour();
    expect(text).toContain('    function halve(x) {\n      while (Math.abs(x) > 5) x = x / 2;');
    expect(text).toMatch(/symbolic: refuses: .*while loop.* at 2:3\n  forward : df\/dx = 1\.5\n  reverse : df\/dx = 1\.5/);
  });
});
