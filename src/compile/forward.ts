// Forward mode by source transformation: every active variable carries a chunk of W tangent
// lanes in a Float64Array (a vector's element k at lanes k·W … k·W + W − 1). Each statement
// first takes its local partials once, by the reverse rule over its own expression tree, then
// runs one lane loop, innermost, that combines the leaves' tangents: a chunk of 16 tangents
// costs a few evaluations of the statement, not 16.
import type { Program, Stmt } from '../ast';
import { partialOf } from '../primitives';
import { activeVariables, dataBinding, inputBinding, type Kind } from './analyze';
import { fresh, ifLines, indent, Names, whileLines } from './emit';
import { argActive, BAIL, Flattener, type Arg, type Scalar, type Vec } from './flatten';
import { SOURCE } from './source';

/** (x, off, len, B, W, T, out): T holds the inputs' seeds (n·W, lane-minor); `out(value, tangents)`
 *  receives f(x) and the output tangents (m·W). Returns f(x). */
export type ForwardCode = (
  x: Float64Array,
  off: Int32Array,
  len: Int32Array,
  budget: number,
  lanes: number,
  seeds: Float64Array,
) => { value: number | Float64Array; tangents: Float64Array };

/** A leaf's tangent in lane `l`, and the coefficient it is multiplied by. */
interface Term {
  /** The same leaf gives the same key. */
  readonly key: string;
  readonly lane: (l: string) => string;
  readonly coef: string;
}

/** A whole vector's tangents times a coefficient per element (an n-ary op over the vector). */
interface VecTerm {
  readonly name: string;
  readonly vec: string;
  readonly coef: (k: string) => string;
}

export function forwardSource(program: Program, inputs: readonly string[], kinds: ReadonlyMap<string, Kind>, data: readonly string[] = []): string {
  const names = new Names(kinds);
  const active = activeVariables(program, data);
  const g = new Forward(names, active);
  const head = inputs.flatMap((name, i) => {
    const js = names.js(name);
    const d = g.tan(name);
    return kinds.get(name) === 'vector'
      ? [`${js} = ${inputBinding(program, name, 'vector', i)};`, `${d} = T.slice(off[${i}] * W, (off[${i}] + len[${i}]) * W);`]
      : [`${js} = x[off[${i}]];`, `${d} = T.slice(off[${i}] * W, off[${i}] * W + W);`];
  });
  head.push(...data.map((name) => `${names.js(name)} = ${dataBinding(program, name)};`));
  const tangents = [...kinds.keys()].filter((n) => active.has(n)).map((n) => g.tan(n));
  const lines = [
    'return function forward(x, off, len, B, W, T) {',
    'let it = 0;',
    names.all().length ? `let ${names.all().join(', ')};` : '',
    tangents.length ? `let ${tangents.join(', ')};` : '',
    'const TT = new Float64Array(W);',
    ...head,
    ...g.block([...program.body], new Set([...inputs, ...data]), true),
    BAIL,
    '};',
  ];
  return indent(lines.filter((l) => l !== ''));
}

class Forward {
  private count = 0;

  constructor(
    private readonly names: Names,
    private readonly active: ReadonlySet<string>,
  ) {}

  tan(name: string): string {
    return `d${this.names.js(name)}`;
  }

  block(body: readonly Stmt[], defined: Set<string>, top = false): string[] {
    return body.flatMap((s, i) => {
      // The program's final expression is its value.
      if (top && i === body.length - 1 && s.kind === 'expr') return this.stmt({ kind: 'return', value: s.value, span: s.span }, defined);
      return this.stmt(s, defined);
    });
  }

  private flat(defined: ReadonlySet<string>): Flattener {
    return new Flattener(this.names.scope(defined), true, fresh());
  }

  private isActive(n: Arg): boolean {
    return argActive(n, this.active);
  }

  /** A coefficient as a constant of the generated code; a literal stays a literal, so 1·t folds. */
  private coefficient(text: string, lines: string[]): string {
    if (/^[\w.]+$/.test(text) || text.startsWith('(-') && /^\(-[\d.e+-]+\)$/.test(text)) return text;
    const c = `c${this.count++}`;
    lines.push(`const ${c} = ${text};`);
    return c;
  }

  /** The statement's local derivative: coefficient lines, and the terms Σ coef·(leaf tangent). */
  private linearize(n: Scalar, lines: string[]): { terms: Term[]; vecs: VecTerm[] } {
    const terms: Term[] = [];
    const vecs: VecTerm[] = [];
    const visit = (node: Scalar, g: string): void => {
      switch (node.t) {
        case 'const':
          return;
        case 'var':
          if (this.active.has(node.name)) terms.push({ key: node.name, lane: (l) => `${this.tan(node.name)}[${l}]`, coef: g });
          return;
        case 'index':
          if (this.active.has(node.name)) {
            const o = `o${this.count++}`;
            lines.push(`const ${o} = ${node.slot} * W;`);
            terms.push({ key: `${node.name}[${node.slot}]`, lane: (l) => `${this.tan(node.name)}[${o} + ${l}]`, coef: g });
          }
          return;
        case 'call': {
          const { p, args } = node;
          if (args.some((a) => a.t === 'vec')) {
            const D = `D${this.count++}`;
            lines.push(`const ${D} = R.partials(${JSON.stringify(p.name)}, R.cat([${args.map((a) => a.val).join(', ')}]), ${node.val});`);
            let offset = '0';
            for (const a of args) {
              if (a.t === 'vec') {
                const o = offset;
                if (this.active.has(a.name)) vecs.push({ name: a.name, vec: (a as Vec).val, coef: (k) => `${g} * ${D}[${o} + ${k}]` });
                offset = `${offset} + ${a.val}.length`;
              } else {
                const gi = `c${this.count++}`;
                lines.push(`const ${gi} = ${g} * ${D}[${offset}];`);
                visit(a, gi);
                offset = `${offset} + 1`;
              }
            }
            return;
          }
          const vals = args.map((a) => (a as Scalar).val);
          args.forEach((a, i) => {
            if (!this.isActive(a)) return;
            visit(a as Scalar, this.coefficient(SOURCE.mul(g, partialOf(p, i)(SOURCE, vals, node.val, i)), lines));
          });
          return;
        }
      }
    };
    visit(n, '1');
    // A leaf read twice (x[i] in x[i]^2 and 1 - x[i]) takes one lane term: its coefficients summed.
    const merged = new Map<string, Term>();
    for (const t of terms) {
      const key = t.key;
      const had = merged.get(key);
      if (!had) merged.set(key, t);
      else {
        const c = `c${this.count++}`;
        lines.push(`const ${c} = ${had.coef} + ${t.coef};`);
        merged.set(key, { key, lane: t.lane, coef: c });
      }
    }
    return { terms: [...merged.values()], vecs };
  }

  /** Lines writing the tangent of value `n` into `target(l)` for every lane. */
  private tangentInto(n: Scalar, target: (l: string) => string, lines: string[]): void {
    const { terms, vecs } = this.linearize(n, lines);
    const sum = (l: string) => (terms.length ? terms.map((t) => (t.coef === '1' ? t.lane(l) : `${t.coef} * ${t.lane(l)}`)).join(' + ') : '0');
    if (vecs.length === 0) {
      lines.push(`for (let l = 0; l < W; l++) ${target('l')} = ${sum('l')};`);
      return;
    }
    // Whole vectors: accumulate in TT first, since the target may be one of the leaves.
    lines.push(`for (let l = 0; l < W; l++) TT[l] = ${sum('l')};`);
    for (const v of vecs) {
      lines.push(`for (let k = 0; k < ${v.vec}.length; k++) {`, `const ck = ${v.coef('k')};`, `for (let l = 0; l < W; l++) TT[l] += ck * ${this.tan(v.name)}[k * W + l];`, '}');
    }
    lines.push(`for (let l = 0; l < W; l++) ${target('l')} = TT[l];`);
  }

  private stmt(s: Stmt, defined: Set<string>): string[] {
    const js = (n: string) => this.names.js(n);
    switch (s.kind) {
      case 'assign': {
        const f = this.flat(defined);
        const n = f.node(s.value);
        const d = this.tan(s.name);
        const on = this.active.has(s.name);
        defined.add(s.name);
        if (n.t === 'vec') {
          const copy = on ? [this.active.has(n.name) ? `${d} = ${this.tan(n.name)}.slice();` : `${d} = new Float64Array(${n.val}.length * W);`] : [];
          return ['{', ...f.lines, `${js(s.name)} = ${n.val}.slice();`, ...copy, '}'];
        }
        if (n.t === 'lit') {
          n.items.forEach((i) => f.checkNaN(i));
          const lines: string[] = [];
          if (on) {
            lines.push(`const dn = new Float64Array(${n.items.length} * W);`);
            n.items.forEach((item, k) => this.tangentInto(item, (l) => `dn[${k} * W + ${l}]`, lines));
          }
          return ['{', ...f.lines, ...lines, `${js(s.name)} = Float64Array.of(${n.items.map((i) => i.val).join(', ')});`, ...(on ? [`${d} = dn;`] : []), '}'];
        }
        f.checkNaN(n);
        const lines: string[] = [];
        if (on) {
          lines.push(`if (${d} === undefined) ${d} = new Float64Array(W);`);
          this.tangentInto(n, (l) => `${d}[${l}]`, lines);
        }
        return ['{', ...f.lines, ...lines, `${js(s.name)} = ${n.val};`, '}'];
      }
      case 'assignIndex': {
        const f = this.flat(defined);
        const target = f.node({ kind: 'index', name: s.name, index: s.index, span: s.span });
        const v = f.scalar(s.value);
        f.checkNaN(v);
        if (target.t !== 'index') return ['{', ...f.lines, '}'];
        const lines: string[] = [];
        if (this.active.has(s.name)) this.tangentInto(v, (l) => `${this.tan(s.name)}[${target.slot} * W + ${l}]`, lines);
        return ['{', ...f.lines, ...lines, `${js(s.name)}[${target.slot}] = ${v.val};`, '}'];
      }
      case 'while':
        return whileLines(s.cond, this.names.scope(defined), this.block(s.body, new Set(defined)));
      case 'if':
        return ifLines(s.cond, this.names.scope(defined), defined, (body, d) => this.block(body, d), s.then, s.else ?? []);
      case 'for': {
        const f = this.flat(defined);
        const lo = f.scalar(s.from);
        const hi = f.scalar(s.to);
        f.checkNaN(lo);
        f.checkNaN(hi);
        const reset = this.active.has(s.name) ? [`${this.tan(s.name)} = new Float64Array(W);`] : [];
        return [
          '{',
          ...f.lines,
          `const lo = ${lo.val}, hi = ${hi.val};`,
          `if (!Number.isFinite(lo) || !Number.isFinite(hi)) ${BAIL}`,
          'for (let i = lo; i <= hi; i++) {',
          `if (++it > B) ${BAIL}`,
          `${js(s.name)} = i;`,
          ...reset,
          ...this.block(s.body, new Set(defined).add(s.name)),
          '}',
          '}',
        ];
      }
      case 'return': {
        const f = this.flat(defined);
        const n = f.node(s.value);
        const lines: string[] = [];
        if (n.t === 'vec') {
          const t = this.active.has(n.name) ? `${this.tan(n.name)}.slice()` : `new Float64Array(${n.val}.length * W)`;
          return ['{', ...f.lines, `return { value: ${n.val}.slice(), tangents: ${t} };`, '}'];
        }
        if (n.t === 'lit') {
          n.items.forEach((i) => f.checkNaN(i));
          lines.push(`const dn = new Float64Array(${n.items.length} * W);`);
          n.items.forEach((item, k) => this.tangentInto(item, (l) => `dn[${k} * W + ${l}]`, lines));
          return ['{', ...f.lines, ...lines, `return { value: Float64Array.of(${n.items.map((i) => i.val).join(', ')}), tangents: dn };`, '}'];
        }
        f.checkNaN(n);
        lines.push('const dn = new Float64Array(W);');
        this.tangentInto(n, (l) => `dn[${l}]`, lines);
        return ['{', ...f.lines, ...lines, `return { value: ${n.val}, tangents: dn };`, '}'];
      }
      case 'expr': {
        const f = this.flat(defined);
        const n = f.node(s.value);
        if (n.t === 'lit') n.items.forEach((i) => f.checkNaN(i));
        else f.checkNaN(n);
        return ['{', ...f.lines, '}'];
      }
    }
  }
}
