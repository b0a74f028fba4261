// `gradlab demo` end to end, through the built binary dist/cli.js (`npm run build` first).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const demo = (args: readonly string[]) => spawnSync(process.execPath, [CLI, 'demo', ...args], { encoding: 'utf8', timeout: 60_000 });

describe('gradlab demo', () => {
  it('jacobian --json prints every method\'s Jacobian and Hessians and writes its chart', () => {
    const out = mkdtempSync(join(tmpdir(), 'gradlab-demo-'));
    const r = demo(['jacobian', '--json', '--out', out]);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { demo: string; chart: string; figures: { rows: { method: string; hessians: number[][][] }[] } };
    expect(doc.demo).toBe('jacobian');
    expect(doc.figures.rows.map((x) => x.method)).toEqual(['finite', 'symbolic', 'forward', 'reverse']);
    expect(doc.figures.rows[0].hessians).toHaveLength(2);
    expect(existsSync(doc.chart)).toBe(true);
    expect(readFileSync(doc.chart, 'utf8')).toMatch(/^<svg/);
  });

  it('an unknown demo is a one-line error listing the demos', () => {
    const r = demo(['nope']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/batch-size/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
