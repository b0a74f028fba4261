// Times `gradlab gradbench` on the recorded GradBench inputs (../shared/gradbench/*.jsonl) for
// every method, beside the hand-written JS of gradbench-js.ts, and prints a Markdown table of
// mean time per run and its ratio to the hand-written version.
//
//   npm run build && npx tsx bench/gradbench.ts [--min-seconds 0.5] [--methods reverse,forward]
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as js from './gradbench-js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist/cli.js');
const METHODS = ['reverse', 'forward', 'finite', 'symbolic'];
const MODULES = ['llsq', 'lse', 'det'];

interface Case {
  module: string;
  function: string;
  description: string;
  input: Record<string, unknown>;
}

/** Workloads a method takes too long on for a short run (seconds per call on a shared 2-core box). */
const SKIP: Record<string, (c: Case) => string | null> = {
  reverse: () => null,
  forward: () => null,
  finite: (c) => (c.module === 'lse' && c.function === 'gradient' && (c.input.x as unknown[]).length > 200 ? 'about 7 s a call (5,001 evaluations)' : null),
  symbolic: (c) => (c.module === 'llsq' && c.function === 'gradient' ? 'about a minute to derive and simplify' : null),
};

const HANDWRITTEN: Record<string, (input: Record<string, unknown>) => unknown> = {
  'llsq primal': (i) => js.llsqPrimal(i.x as number[], i.n as number),
  'llsq gradient': (i) => js.llsqGradient(i.x as number[], i.n as number),
  'lse primal': (i) => js.lsePrimal(i.x as number[]),
  'lse gradient': (i) => js.lseGradient(i.x as number[]),
  'det primal': (i) => js.detPrimal(i.A as number[], i.ell as number),
  'det gradient': (i) => js.detGradient(i.A as number[], i.ell as number),
};

function casesDir(): string {
  const dir = [join(ROOT, '../shared/gradbench'), join(ROOT, '../../shared/gradbench')].find((d) => existsSync(d));
  if (!dir) throw new Error('the recorded cases are missing: expected shared/gradbench beside the repository');
  return dir;
}

/** Mean seconds per run of the hand-written version, under the same runs rule, after one warm-up. */
function timeHandwritten(c: Case, minRuns: number, minSeconds: number): number {
  const f = HANDWRITTEN[`${c.module} ${c.function}`];
  f(c.input);
  let runs = 0;
  let total = 0;
  do {
    const t0 = process.hrtime.bigint();
    f(c.input);
    total += Number(process.hrtime.bigint() - t0) / 1e9;
    runs++;
  } while (runs < minRuns || total < minSeconds);
  return total / runs;
}

/** One session of the command for a method: mean evaluate seconds per case (null where it failed). */
function timeCommand(method: string, cases: readonly Case[]): Promise<(number | string)[]> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, 'gradbench', '--method', method], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', fail);
    child.on('close', () => {
      done(
        out.trim().split('\n').map((line) => {
          const r = JSON.parse(line);
          if (!r.success) return `failed: ${r.error}`;
          const runs = r.timings.filter((t: { name: string }) => t.name === 'evaluate');
          return runs.reduce((s: number, t: { nanoseconds: number }) => s + t.nanoseconds, 0) / runs.length / 1e9;
        }),
      );
    });
    child.stdin.end(cases.map((c, id) => JSON.stringify({ id, kind: 'evaluate', module: c.module, function: c.function, input: c.input })).join('\n') + '\n');
  });
}

const ms = (s: number): string => (s < 1e-3 ? `${(s * 1e3).toFixed(3)} ms` : s < 1 ? `${(s * 1e3).toFixed(2)} ms` : `${s.toFixed(2)} s`);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'min-seconds': { type: 'string', default: '0.5' }, 'min-runs': { type: 'string', default: '3' }, methods: { type: 'string', default: METHODS.join(',') } } });
  const minSeconds = Number(values['min-seconds']);
  const minRuns = Number(values['min-runs']);
  const methods = values.methods!.split(',');
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' first`);
  const dir = casesDir();
  const cases: Case[] = MODULES.flatMap((m) =>
    readFileSync(join(dir, `${m}.jsonl`), 'utf8').trim().split('\n').map((l) => {
      const c = JSON.parse(l);
      return { ...c, input: { ...c.input, min_runs: minRuns, min_seconds: minSeconds } } as Case;
    }),
  );
  const handwritten = cases.map((c) => timeHandwritten(c, minRuns, minSeconds));
  const columns: Record<string, (number | string)[]> = {};
  for (const method of methods) {
    const run = cases.filter((c) => SKIP[method](c) === null);
    const times = await timeCommand(method, run);
    columns[method] = cases.map((c) => SKIP[method](c) ?? times[run.indexOf(c)]);
  }
  console.log(`| workload | function | hand-written JS | ${methods.map((m) => `gradlab ${m}`).join(' | ')} |`);
  console.log(`| --- | --- | ---: | ${methods.map(() => '---:').join(' | ')} |`);
  cases.forEach((c, i) => {
    const cells = methods.map((m) => {
      const t = columns[m][i];
      return typeof t === 'number' ? `${ms(t)} (${(t / handwritten[i]).toFixed(t / handwritten[i] < 10 ? 1 : 0)}×)` : `— (${t})`;
    });
    console.log(`| ${c.module} ${c.description} | ${c.function} | ${ms(handwritten[i])} | ${cells.join(' | ')} |`);
  });
  console.log(`\nmean time per run over at least ${minRuns} runs and ${minSeconds} s; (×) is the ratio to the hand-written JS; node ${process.version}`);
}

main().catch((err: unknown) => {
  console.error(`error: ${(err as Error).message}`);
  process.exitCode = 1;
});
