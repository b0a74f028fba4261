// Symbolic differentiation against mathjs on the expressions that make simplifiers swell:
// derive + simplify time, and the derivative's size as a tree and as a DAG.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { compile, differentiate, parseExpression } from '../src/index';
import { symbolic } from '../src/diff/symbolic';
import { ROSENBROCK, nestedSin, product, rosenbrockPoint } from './workloads';

function timeOnce(f: () => unknown): number {
  const t0 = performance.now();
  f();
  return (performance.now() - t0) / 1000;
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
  ];
  console.log('\nSymbolic derivative + simplify, gradlab against mathjs (same machine, same run)');
  console.log('expression                    gradlab      treeNodes  dagNodes   mathjs');
  for (const [name, source] of cases) {
    const e = parseExpression(source);
    differentiate(e, 'x');
    const reps = 20;
    const ours = timeOnce(() => {
      for (let i = 0; i < reps; i++) differentiate(e, 'x');
    }) / reps;
    const d = differentiate(e, 'x');
    const theirs = mathjsSeconds(source, quick ? 10 : 120);
    const shown = theirs === null ? `> ${quick ? 10 : 120} s (stopped)` : `${(theirs * 1000).toFixed(1)} ms`;
    console.log(`${name.padEnd(30)}${(ours * 1000).toFixed(2).padStart(8)} ms  ${String(d.treeNodes).padStart(9)}  ${String(d.dagNodes).padStart(8)}   ${shown}`);
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
