// `gradlab bench` end to end through dist/cli.js (`npm run build` first), on the quickest study
// alone: the files it writes, results.json against the Results schema, --json, and bad --only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultsSchema } from './schema';
import { wellFormedErrors } from './wellformed';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

function gradlab(args: readonly string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('gradlab bench', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' before the CLI tests`);
    dir = mkdtempSync(join(tmpdir(), 'gradlab-bench-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--quick --only swell writes the report, results.json of the Results shape and the chart', () => {
    const r = gradlab(['bench', '--quick', '--only', 'swell', '--out', 'out'], dir);
    expect(r.status).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['index.html', 'report.md', 'results.json', 'swell.svg']);
    expect(r.stdout).toContain(`wrote ${join('out', 'report.md')}, ${join('out', 'results.json')} and ${join('out', 'index.html')}`);
    expect(r.stdout).toMatch(/^swell {2}/m);
    const results = resultsSchema.parse(JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8')));
    expect(results.quick).toBe(true);
    expect(results.swell?.length).toBeGreaterThan(0);
    expect(results.accuracy).toBeUndefined();
    expect(readFileSync(join(dir, 'out', 'report.md'), 'utf8')).toContain('## Expression swell');
    expect(wellFormedErrors(readFileSync(join(dir, 'out', 'index.html'), 'utf8'))).toEqual([]);
  });

  it('--json prints results.json and, without --out, writes nothing', () => {
    const cwd = mkdtempSync(join(dir, 'json-'));
    const r = gradlab(['bench', '--quick', '--only', 'swell', '--json'], cwd);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(resultsSchema.safeParse(JSON.parse(r.stdout)).success).toBe(true);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it.each([
    [['--only', 'swell,speed'], "--only: no study 'speed'; the studies are accuracy, stability, hard-points, cost, swell, training, peers"],
    [['--only', ','], '--only expects study names separated by commas: accuracy, stability, hard-points, cost, swell, training, peers'],
  ])('%j fails with exit code 1 and a one-line message', (args, message) => {
    const r = gradlab(['bench', ...args], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`error: ${message}\n`);
    expect(r.stdout).toBe('');
  });

  it('a bad --only with --json is a JSON error', () => {
    const r = gradlab(['bench', '--only', 'nope', '--json'], dir);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ error: { code: 'usage', message: expect.stringContaining("no study 'nope'"), line: null, column: null } });
  });
});
