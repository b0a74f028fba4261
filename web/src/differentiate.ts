// The differentiation panel: the four methods on the typed function at the typed point, against
// the 50-digit reference, with compare's warnings, the symbolic derivative in KaTeX and the
// finite-difference V curve.
import katex from 'katex';
import {
  compare, compile, differentiate, differentiator, GradlabError, METHODS, reference, toLatex, print,
  type Comparison, type Fn, type FnLike, type Point, type Stats,
} from 'gradlab';

/** A JavaScript function (`function f(x) {…}`, `(x, y) => …`) rather than gradlab source. */
const JS_FUNCTION = /^(async\s+)?function\b|^\(?\s*[A-Za-z_$][\w$]*(\s*,\s*[A-Za-z_$][\w$]*)*\s*\)?\s*=>|^\(\s*\)\s*=>/;

/** gradlab source text, or a JS function handed to the library's compile (its JS front end). */
export function fnOf(source: string): Fn {
  const text = source.trim();
  if (!JS_FUNCTION.test(text)) return compile(text);
  let f: unknown;
  try {
    f = new Function(`"use strict"; return (${text});`)();
  } catch (err) {
    if (err instanceof EvalError) throw new GradlabError('unsupported', "this page's Content-Security-Policy forbids evaluating typed JavaScript; write the function in the gradlab language");
    throw new GradlabError('syntax', `this JavaScript does not parse: ${(err as Error).message}`);
  }
  try {
    return compile(f as FnLike);
  } catch (err) {
    if (err instanceof GradlabError) throw err;
    throw new GradlabError('unsupported', 'this build of gradlab does not read JavaScript functions; write the function in the gradlab language');
  }
}

export interface Outcome {
  readonly fn: Fn;
  readonly comparison: Comparison;
  /** f(x) as each method's own answer returned it (absent where the method failed). */
  readonly values: Record<string, number | number[]>;
  /** The reference gradient or Jacobian to 50 significant digits, flat. */
  readonly exact: string[];
  /** The same rounded to float64: the first row of the reference Jacobian (scalar f). */
  readonly referenceGradient: number[];
}

export function run(fn: Fn, at: Point): Outcome {
  const comparison = compare(fn, at, { methods: METHODS, timing: 0.02 });
  const values: Record<string, number | number[]> = {};
  for (const m of comparison.methods) {
    if (m.ok) values[m.method] = differentiator(m.method).jacobian(fn, at).value;
  }
  const ref = reference(fn, at);
  return { fn, comparison, values, exact: ref.exact.flat(), referenceGradient: ref.jacobian[0] };
}

/** 16 significant digits, enough to see where two methods part. */
export const fmt = (v: number): string => (Number.isFinite(v) ? String(Number(v.toPrecision(16))) : String(v));
const fmtAll = (v: number | readonly number[]): string => (typeof v === 'number' ? fmt(v) : `[${v.map(fmt).join(', ')}]`);

function seconds(s: number): string {
  if (s < 1e-6) return `${(s * 1e9).toFixed(0)} ns`;
  if (s < 1e-3) return `${(s * 1e6).toPrecision(3)} µs`;
  if (s < 1) return `${(s * 1e3).toPrecision(3)} ms`;
  return `${s.toPrecision(3)} s`;
}

function cell(row: HTMLTableRowElement, field: string, text: string, raw?: unknown): void {
  const td = row.insertCell();
  td.textContent = text;
  td.dataset.field = field;
  if (raw !== undefined) td.dataset.raw = JSON.stringify(raw);
}

function gradientText(g: Record<string, number | number[]> | undefined, jac: number[][] | undefined): string {
  if (jac) return jac.map((row) => `[${row.map(fmt).join(', ')}]`).join(' ');
  return Object.entries(g ?? {}).map(([k, v]) => `${k}: ${fmtAll(v)}`).join(', ');
}

export function showResults(out: Outcome): void {
  const { comparison: c } = out;
  const body = document.querySelector<HTMLTableSectionElement>('#methods tbody')!;
  body.replaceChildren();
  const line = document.getElementById('value-line')!;
  line.textContent = `f = ${fmtAll(c.value)}; reference gradient (50 digits): ${out.exact.join(', ')}`;
  line.dataset.value = JSON.stringify(c.value);
  line.dataset.reference = JSON.stringify(c.reference);
  for (const m of c.methods) {
    const row = body.insertRow();
    row.dataset.method = m.method;
    row.className = m.ok ? (m.relError! > 1e-5 ? 'bad' : '') : 'refused';
    cell(row, 'method', m.method);
    cell(row, 'value', m.ok ? fmtAll(out.values[m.method]) : '—', out.values[m.method]);
    cell(row, 'gradient', m.ok ? gradientText(m.gradient, m.jacobian) : '—', m.gradient ?? m.jacobian);
    const digits = m.ok ? (m.relError === 0 ? 'exact' : `${m.relError!.toExponential(1)} (${Math.max(0, -Math.log10(m.relError!)).toFixed(1)} digits)`) : '—';
    cell(row, 'relError', digits, m.relError);
    cell(row, 'seconds', m.ok ? seconds(m.seconds!) : '—', m.seconds);
    cell(row, 'note', m.ok ? statsText(m.stats ?? {}) : m.error!);
  }
  const warnings = document.getElementById('warnings')!;
  warnings.replaceChildren(...c.warnings.map((w) => Object.assign(document.createElement('li'), { textContent: w })));
}

function statsText(s: Stats): string {
  const parts: string[] = [];
  if (s.evaluations !== undefined) parts.push(`${s.evaluations} evaluations`);
  if (s.sweeps !== undefined) parts.push(`${s.sweeps} sweep${s.sweeps === 1 ? '' : 's'}`);
  if (s.tapeLength !== undefined) parts.push(`tape of ${s.tapeLength}`);
  if (s.dagNodes !== undefined) parts.push(`derivative: ${s.treeNodes} tree / ${s.dagNodes} DAG nodes`);
  if (s.replayed) parts.push('replayed trace');
  return parts.join(', ');
}

/** The simplified derivative per scalar input, as LaTeX; a refusal is shown as the method gives it. */
export function showDerivative(out: Outcome, at: Point): void {
  const box = document.getElementById('derivative')!;
  const sizes = document.getElementById('sizes')!;
  box.replaceChildren();
  sizes.textContent = '';
  const { fn } = out;
  if (!fn.program || typeof out.comparison.value !== 'number') {
    box.textContent = 'shown for a function with one output, written in the gradlab language';
    return;
  }
  let tree = 0;
  let dag = 0;
  for (const name of fn.inputs) {
    if (typeof at[name] !== 'number') continue;
    const div = document.createElement('div');
    div.className = 'derivative';
    div.dataset.wrt = name;
    try {
      const d = differentiate(fn.program, name);
      tree += d.treeNodes;
      dag += d.dagNodes;
      const body = d.pieces.length === 1
        ? toLatex(d.pieces[0].expr)
        : `\\begin{cases} ${d.pieces.map((p) => `${toLatex(p.expr)} & ${p.when.map((w) => toLatex(w)).join(' \\land ') || '\\text{otherwise}'}`).join(' \\\\ ')} \\end{cases}`;
      katex.render(`\\frac{\\partial f}{\\partial ${name.length > 1 ? `\\mathit{${name}}` : name}} = ${body}`, div, { displayMode: true, throwOnError: false });
      div.title = d.pieces.map((p) => print(p.expr)).join('; ');
    } catch (err) {
      if (!(err instanceof GradlabError)) throw err;
      div.className = 'derivative refused';
      div.textContent = `∂f/∂${name}: ${err.message}${err.span && err.span.line > 0 ? ` at ${err.span.line}:${err.span.column}` : ''}`;
    }
    box.append(div);
  }
  if (dag) sizes.textContent = `derivative size: ${tree} nodes as a tree, ${dag} as a DAG (shared subexpressions counted once)`;
  sizes.dataset.tree = String(tree);
  sizes.dataset.dag = String(dag);
}
