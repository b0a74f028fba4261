// Times `gradlab gradbench` on the recorded GradBench inputs (../shared/gradbench/*.jsonl), and on
// ode, kmeans and gmm at the smallest sizes GradBench's evals generate, for every method, beside
// the hand-written JS of gradbench-js.ts; prints a Markdown table of median time per run and its
// ratio to the hand-written version. Medians, not GradBench's means: on a shared machine one
// descheduled run would move a mean by an order of magnitude.
//
//   npm run build && npx tsx bench/gradbench.ts [--min-seconds 0.5] [--methods reverse,forward]
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { differentiator, differentiators, METHODS as REGISTERED } from '../src/diff/registry';
import type { MethodName } from '../src/diff/types';
import * as js from './gradbench-js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist/cli.js');
/** Every registered method, the ones whose cost grows least first. */
const METHODS = [...REGISTERED].sort((a, b) => differentiators[a].facts.costGrowth - differentiators[b].facts.costGrowth);
const MODULES = ['llsq', 'lse', 'det'];

interface Case {
  module: string;
  function: string;
  description: string;
  input: Record<string, unknown>;
}

/** A seeded stream in [0, 1). */
function uniform(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

/** ode, kmeans and gmm have no recorded cases: inputs shaped as GradBench's evals make them, at
 *  their smallest default sizes. */
function generated(): Case[] {
  const rand = uniform(31337);
  const list = (n: number) => Array.from({ length: n }, rand);
  const rows = (n: number, d: number) => Array.from({ length: n }, () => list(d));
  const ode = (s: number) => ({ x: list(1000), s });
  const points = rows(1000, 8);
  const kmeans = { points, centroids: points.slice(-10) };
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const gmm = { d: 2, k: 5, n: 1000, m: 0, gamma: 1, x: Array.from({ length: 1000 }, () => [normal(), normal()]), alpha: Array.from({ length: 5 }, normal), mu: rows(5, 2), q: Array.from({ length: 5 }, () => [normal(), normal()]), l: Array.from({ length: 5 }, () => [normal()]) };
  return [
    ...[1, 10].flatMap((s) => ['primal', 'gradient'].map((f) => ({ module: 'ode', function: f, description: `n=1000,s=${s}`, input: ode(s) }))),
    ...['cost', 'dir'].map((f) => ({ module: 'kmeans', function: f, description: 'k=10,n=1000,d=8', input: kmeans })),
    ...['objective', 'jacobian'].map((f) => ({ module: 'gmm', function: f, description: 'd=2,k=5,n=1000', input: gmm })),
  ];
}

const derivative = (c: Case) => !['primal', 'cost', 'objective'].includes(c.function);
const inputs = (c: Case) => (c.module === 'kmeans' ? 8080 : c.module === 'gmm' ? 2030 : 0);

/** Workloads a method takes too long on for a short run (seconds per call on a shared 2-core box). */
const SKIP: Record<MethodName, (c: Case) => string | null> = {
  reverse: () => null,
  forward: (c) => (derivative(c) && inputs(c) > 0 ? `${inputs(c)} inputs, data included` : c.module === 'ode' && c.input.s === 10 && derivative(c) ? 'slow' : null),
  finite: (c) =>
    c.module === 'lse' && c.function === 'gradient' && (c.input.x as unknown[]).length > 200 ? 'about 7 s a call (5,001 evaluations)' : derivative(c) && (inputs(c) > 0 || c.module === 'ode') ? 'too many evaluations' : null,
  symbolic: (c) => (c.module === 'llsq' && c.function === 'gradient' ? 'about a minute to derive and simplify' : derivative(c) && ['ode', 'kmeans', 'gmm'].includes(c.module) ? 'an unrolled expression too large' : null),
};

const HANDWRITTEN: Record<string, (input: Record<string, unknown>) => unknown> = {
  'llsq primal': (i) => js.llsqPrimal(i.x as number[], i.n as number),
  'llsq gradient': (i) => js.llsqGradient(i.x as number[], i.n as number),
  'lse primal': (i) => js.lsePrimal(i.x as number[]),
  'lse gradient': (i) => js.lseGradient(i.x as number[]),
  'det primal': (i) => js.detPrimal(i.A as number[], i.ell as number),
  'det gradient': (i) => js.detGradient(i.A as number[], i.ell as number),
  'ode primal': (i) => js.odePrimal(i.x as number[], i.s as number),
  'ode gradient': (i) => js.odeGradient(i.x as number[]),
  'kmeans cost': (i) => js.kmeansCost((i.points as number[][]).flat(), (i.centroids as number[][]).flat(), 8),
  'kmeans dir': (i) => js.kmeansDir((i.points as number[][]).flat(), (i.centroids as number[][]).flat(), 8),
  'gmm objective': (i) => js.gmmObjective(i as unknown as js.GmmInput),
};

function casesDir(): string {
  const dir = [join(ROOT, '../shared/gradbench'), join(ROOT, '../../shared/gradbench')].find((d) => existsSync(d));
  if (!dir) throw new Error('the recorded cases are missing: expected shared/gradbench beside the repository');
  return dir;
}

/** Numbers of an output in order, whatever its nesting (objects by their keys' order). */
function flat(v: unknown): number[] {
  if (typeof v === 'number') return [v];
  if (ArrayBuffer.isView(v)) return Array.from(v as Float64Array);
  if (Array.isArray(v)) return v.flatMap(flat);
  return typeof v === 'object' && v !== null ? Object.values(v).flatMap(flat) : [NaN];
}

/** GradBench's rule, |a − b| / max(1, |a| + |b|) ≤ 1e-4, on every number. */
function agrees(a: unknown, b: unknown): boolean {
  const [x, y] = [flat(a), flat(b)];
  return x.length === y.length && x.every((v, i) => Math.abs(v - y[i]) / Math.max(1, Math.abs(v) + Math.abs(y[i])) <= 1e-4);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Median seconds per run of the hand-written version, under the same runs rule, after one warm-up. */
function timeHandwritten(c: Case, minRuns: number, minSeconds: number): number | null {
  const f = HANDWRITTEN[`${c.module} ${c.function}`];
  if (!f) return null;
  expected.set(c, f(c.input));
  const runs: number[] = [];
  let total = 0;
  do {
    const t0 = process.hrtime.bigint();
    f(c.input);
    runs.push(Number(process.hrtime.bigint() - t0) / 1e9);
    total += runs[runs.length - 1];
  } while (runs.length < minRuns || total < minSeconds);
  return median(runs);
}

/** One session of the command for a method: median evaluate seconds per case, or why there is none. */
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
          const c = cases[r.id];
          if (expected.has(c) && !agrees(expected.get(c), r.output)) return 'differs from the hand-written answer';
          return median(r.timings.filter((t: { name: string }) => t.name === 'evaluate').map((t: { nanoseconds: number }) => t.nanoseconds / 1e9));
        }),
      );
    });
    child.stdin.end(cases.map((c, id) => JSON.stringify({ id, kind: 'evaluate', module: c.module, function: c.function, input: c.input })).join('\n') + '\n');
  });
}

/** The hand-written answers, to check gradlab's against. */
const expected = new Map<Case, unknown>();

const ms = (s: number): string => (s < 1e-3 ? `${(s * 1e3).toFixed(3)} ms` : s < 1 ? `${(s * 1e3).toFixed(2)} ms` : `${s.toFixed(2)} s`);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'min-seconds': { type: 'string', default: '0.5' }, 'min-runs': { type: 'string', default: '3' }, methods: { type: 'string', default: METHODS.join(',') } } });
  const minSeconds = Number(values['min-seconds']);
  const minRuns = Number(values['min-runs']);
  const methods = values.methods!.split(',').map((m) => differentiator(m).name);
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' first`);
  const dir = casesDir();
  const recorded: Case[] = MODULES.flatMap((m) => readFileSync(join(dir, `${m}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Case));
  const cases = [...recorded, ...generated()].map((c) => ({ ...c, input: { ...c.input, min_runs: minRuns, min_seconds: minSeconds } }));
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
      const h = handwritten[i];
      if (typeof t !== 'number') return `— (${t})`;
      return h === null ? ms(t) : `${ms(t)} (${(t / h).toFixed(t / h < 10 ? 1 : 0)}×)`;
    });
    console.log(`| ${c.module} ${c.description} | ${c.function} | ${handwritten[i] === null ? '—' : ms(handwritten[i]!)} | ${cells.join(' | ')} |`);
  });
  console.log(`\nmedian time per run over at least ${minRuns} runs and ${minSeconds} s; (×) is the ratio to the hand-written JS, whose answer every figure shown agrees with (GradBench's 1e-4 rule); node ${process.version}`);
}

main().catch((err: unknown) => {
  console.error(`error: ${(err as Error).message}`);
  process.exitCode = 1;
});
