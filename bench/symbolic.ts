// Symbolic differentiation against mathjs on the expressions that make simplifiers swell:
// derive + simplify time (median CPU time of repeated calls), and the derivative's size as a tree
// and as a DAG; and the symbolic gradient of max(v), whose partials are simplified jointly.
// Standalone: node --import tsx bench/symbolic.ts [--quick]
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { compile, differentiate, parseExpression } from '../src/index';
import { parse } from '../src/parse/parse';
import { logisticMap } from '../src/harness/workloads';
import { symbolic } from '../src/diff/symbolic';
import { ROSENBROCK, nestedSin, product, rosenbrockPoint } from './workloads';

function timeOnce(f: () => unknown): number {
  const t0 = performance.now();
  f();
  return (performance.now() - t0) / 1000;
}

/** CPU seconds of one call of `f`: on a shared machine, wall time counts other processes too. */
function cpuOnce(f: () => unknown): number {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

/** Median CPU seconds of `reps` calls after `warm` calls. */
function medianCpu(f: () => unknown, reps: number, warm = 10): number {
  for (let i = 0; i < warm; i++) f();
  const t = Array.from({ length: reps }, () => cpuOnce(f)).sort((a, b) => a - b);
  return t[reps >> 1];
}

/** mathjs in a child process, so a run that takes minutes can be stopped at `timeout`. */
function mathjsSeconds(expr: string, timeout: number): number | null {
  const script = `const m = require('mathjs'); const e = m.parse(process.argv[1]); const t0 = performance.now(); m.simplify(m.derivative(e, 'x')); console.log((performance.now() - t0) / 1000);`;
  const r = spawnSync(process.execPath, ['-e', script, expr], { timeout: timeout * 1000, encoding: 'utf8' });
  return r.status === 0 ? Number(r.stdout.trim()) : null;
}

export async function symbolicSuite(quick: boolean): Promise<void> {
  const cases: [string, string][] = [
    ['(x+1)(x+2)…(x+20)', product(20)],
    ['sin nested 20 deep', nestedSin(20)],
    ['x^2 sin(x) / (1 + exp(x))', 'x^2 sin(x) / (1 + exp(x))'],
    ['logistic map, 5 steps', logisticMap(5)],
    ['logistic map, 16 steps', logisticMap(16)],
  ];
  console.log('\nSymbolic derivative + simplify, gradlab against mathjs (same machine, same run)');
  console.log('expression                    gradlab      treeNodes  dagNodes   mathjs');
  for (const [name, source] of cases) {
    const e = source.includes('for') ? parse(source) : parseExpression(source);
    const ours = medianCpu(() => differentiate(e, 'x'), quick ? 21 : 101);
    const d = differentiate(e, 'x');
    // mathjs reads no loops: the logistic map is for gradlab alone.
    const theirs = source.includes('for') ? null : mathjsSeconds(source, quick ? 10 : 120);
    const shown = source.includes('for') ? '–' : theirs === null ? `> ${quick ? 10 : 120} s (stopped)` : `${(theirs * 1000).toFixed(1)} ms`;
    console.log(`${name.padEnd(30)}${(ours * 1000).toFixed(2).padStart(8)} ms  ${String(d.treeNodes).padStart(9)}  ${String(d.dagNodes).padStart(8)}   ${shown}`);
  }
  console.log('\nSymbolic gradient of max(v): derive + simplify (all partials jointly) + compile, CPU time of one call');
  for (const n of quick ? [100, 200, 400] : [100, 200, 400, 800, 1600, 3200]) {
    const fn = compile('max(v)');
    const v = Array.from({ length: n }, (_, i) => Math.sin(1.7 * i));
    let r;
    const seconds = cpuOnce(() => (r = symbolic.gradient(fn, { v })));
    console.log(`n=${String(n).padEnd(6)} ${(seconds * 1000).toFixed(0).padStart(7)} ms   dagNodes ${r!.stats.dagNodes}   simplified ${r!.stats.simplified}`);
  }
  console.log('\nSymbolic gradient of extended Rosenbrock: derive + simplify + compile once, then evaluate');
  for (const n of quick ? [10, 100] : [10, 100, 1000, 10000]) {
    const fn = compile(ROSENBROCK);
    const at = rosenbrockPoint(n);
    const derive = timeOnce(() => symbolic.gradient(fn, at));
    const r = symbolic.gradient(fn, at);
    console.log(`n=${String(n).padEnd(6)} derive+compile ${(derive * 1000).toFixed(1).padStart(9)} ms   treeNodes ${r.stats.treeNodes}   dagNodes ${r.stats.dagNodes}   simplified ${r.stats.simplified}`);
  }
}

if (process.argv[1]?.endsWith('symbolic.ts')) await symbolicSuite(process.argv.includes('--quick'));
