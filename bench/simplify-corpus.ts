// Derivative size on the simplifier corpus: gradlab's simplified derivative against mathjs's
// `derivative` (default simplify) and SymPy's simplify(diff(...)) (Debian's python3-sympy, when
// installed), each counted as nodes of its printed result read back by mathjs's parser
// (parentheses not counted), each checked by evaluation at fixed points against forward mode.
// Run: node --import tsx bench/simplify-corpus.ts [--no-sympy]
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import * as math from 'mathjs';
import { compile, derivative, gradient, print } from '../src/index';
import { CORPUS, MATHJS_SIMPLIFY } from './simplify-corpus-data';
import { parseExpression } from '../src/parse/parse';
import { simplifyExpr } from '../src/symbolic/simplify';

const POINTS = [0.3, 0.7, 1.3, 2.1, -0.4, -1.6, 2.7];
const OTHERS = { y: 0.8, z: 1.9, n: 1.4 };

/** Nodes of a printed expression as mathjs parses it, parentheses not counted. */
function size(text: string): number {
  let n = 0;
  let tree: math.MathNode;
  try {
    tree = math.parse(text);
  } catch {
    return NaN;
  }
  tree.traverse((node) => {
    if (node.type !== 'ParenthesisNode') n++;
  });
  return n;
}

const SCOPE = { Abs: Math.abs, E: Math.E, sign: Math.sign, asinh: Math.asinh, acosh: Math.acosh, atanh: Math.atanh };

function valueOf(text: string, scope: Record<string, number>): number {
  try {
    const v = math.evaluate(text, { ...SCOPE, ...scope });
    return typeof v === 'number' ? v : NaN;
  } catch {
    return NaN;
  }
}

/** The exact derivative at each point by forward mode, NaN where it has none. */
function references(source: string): { scope: Record<string, number>; d: number }[] {
  const inputs = compile(source).inputs;
  return POINTS.map((x) => {
    const scope: Record<string, number> = { x, ...OTHERS };
    const at = Object.fromEntries(inputs.map((n) => [n, scope[n]]));
    let d = 0;
    if (inputs.includes('x')) {
      try {
        d = gradient(source, at, { method: 'forward' }).x as number;
      } catch {
        d = NaN;
      }
    }
    return { scope, d };
  });
}

/** Correct: agrees with forward mode wherever that is finite (a case with no such point, as
 *  0^f(x) where forward mode gives NaN, is judged at none). */
function correct(text: string, refs: readonly { scope: Record<string, number>; d: number }[]): boolean {
  const judged = refs.filter((r) => Number.isFinite(r.d));
  return judged.every((r) => Math.abs(valueOf(text, r.scope) - r.d) <= 1e-8 * Math.max(1, Math.abs(r.d)));
}

function sympyResults(sources: readonly string[]): (string | null)[] | null {
  const script = `
import json, signal, sys
from sympy import *
x, y, z, n = symbols('x y z n')
names = {'x': x, 'y': y, 'z': z, 'n': n, 'log10': lambda a: log(a, 10), 'log2': lambda a: log(a, 2),
         'nthRoot': lambda a, k=2: a**(Integer(1)/k), 'pow': Pow, 'e': E, 'pi': pi}
def alarm(*_): raise TimeoutError()
signal.signal(signal.SIGALRM, alarm)
out = []
for s in json.load(sys.stdin):
    try:
        signal.alarm(20)
        d = simplify(diff(sympify(s, locals=names), x))
        signal.alarm(0)
        out.append(str(d).replace('**', '^'))
    except BaseException:
        signal.alarm(0)
        out.append(None)
print(json.dumps(out))
`;
  const explicit = sources.map((s) => math.parse(s).toString({ implicit: 'show' }).replace(/\^/g, '**'));
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(explicit), encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) {
    console.log(`SymPy not run (python3 -c 'import sympy' failed: ${r.stderr.trim().split('\n').pop()})`);
    return null;
  }
  return JSON.parse(r.stdout);
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function timed<T>(f: () => T, reps: number): { value: T; ms: number } {
  const value = f();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return { value, ms: median(times) };
}

interface Column {
  readonly name: string;
  readonly sizes: number[];
  readonly ms: number[];
  wrong: string[];
  failed: number;
}

const column = (name: string): Column => ({ name, sizes: [], ms: [], wrong: [], failed: 0 });

function main(): void {
  const withSympy = !process.argv.includes('--no-sympy');
  const verbose = process.argv.includes('--verbose');
  const ours = column('gradlab');
  const theirs = column('mathjs');
  const sympy = column('SymPy');
  const sympyTexts = withSympy ? sympyResults(CORPUS.map((c) => c.source)) : null;
  const rows: string[] = [];
  CORPUS.forEach((c, i) => {
    const refs = references(c.source);
    const a = timed(() => print(derivative(c.source, 'x')), 5);
    ours.sizes.push(size(a.value));
    ours.ms.push(a.ms);
    if (!correct(a.value, refs)) ours.wrong.push(`${c.source}  →  ${a.value}`);
    let m: string | null = null;
    try {
      const b = timed(() => math.derivative(c.source, 'x').toString(), 2);
      m = b.value;
      theirs.ms.push(b.ms);
    } catch {
      theirs.failed++;
    }
    if (m !== null) {
      theirs.sizes.push(size(m));
      if (!correct(m, refs)) theirs.wrong.push(`${c.source}  →  ${m}`);
    }
    const printed = sympyTexts?.[i] ?? null;
    const s = printed !== null && Number.isFinite(size(printed)) ? printed : null;
    if (sympyTexts) sympyTexts[i] = s;
    if (sympyTexts && s === null) sympy.failed++;
    if (s !== null) {
      sympy.sizes.push(size(s));
      if (!correct(s, refs)) sympy.wrong.push(`${c.source}  →  ${s}`);
    }
    rows.push(`${String(size(a.value)).padStart(4)} ${String(m === null ? '-' : size(m)).padStart(4)} ${String(s === null ? '-' : size(s)).padStart(4)}  ${c.source}  →  ${a.value}${verbose && s ? `   [SymPy: ${s}]` : ''}`);
  });
  if (verbose) console.log(rows.join('\n'));
  console.log(`\nSimplifier corpus: ${CORPUS.length} derivatives d/dx (mathjs ${CORPUS.filter((c) => c.from === 'mathjs').length}, SymPy ${CORPUS.filter((c) => c.from === 'sympy').length}, hand-picked ${CORPUS.filter((c) => c.from === 'hand').length})`);
  console.log('size = nodes of the printed result as mathjs parses it, parentheses not counted');
  console.log('engine    cases  total size  median size  median ms  wrong  failed');
  for (const col of [ours, theirs, ...(sympyTexts ? [sympy] : [])]) {
    const total = col.sizes.reduce((s, v) => s + v, 0);
    const ms = col.ms.length ? median(col.ms).toFixed(3) : '-';
    console.log(`${col.name.padEnd(9)} ${String(col.sizes.length).padStart(5)} ${String(total).padStart(11)} ${String(median(col.sizes)).padStart(12)} ${ms.padStart(10)} ${String(col.wrong.length).padStart(6)} ${String(col.failed).padStart(7)}`);
  }
  // Totals over the cases every engine answered, so a failure does not count as small.
  if (sympyTexts) {
    const both = CORPUS.map((_, i) => i).filter((i) => sympyTexts[i] !== null);
    const sum = (col: Column, idx: number[]) => idx.reduce((s, i) => s + (col === sympy ? size(sympyTexts[i]!) : col.sizes[i]), 0);
    console.log(`on the ${both.length} cases SymPy answered: gradlab ${sum(ours, both)}, SymPy ${sum(sympy, both)}`);
  }
  for (const col of [ours, theirs, sympy]) for (const w of col.wrong) console.log(`wrong (${col.name}): ${w}`);
  const changed = MATHJS_SIMPLIFY.filter((s) => {
    const refs = references(s).map((r) => ({ ...r, d: valueOf(s, r.scope) }));
    return !correct(print(simplifyExpr(parseExpression(s))), refs.filter((r) => Number.isFinite(r.d)).length ? refs : [{ scope: {}, d: 0 }]) && refs.some((r) => Number.isFinite(r.d));
  });
  console.log(`mathjs simplify cases: ${MATHJS_SIMPLIFY.length}, value changed by gradlab's simplify: ${changed.length}${changed.length ? ` (${changed.join('; ')})` : ''}`);
}

main();
