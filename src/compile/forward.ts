// Forward mode by source transformation: every active variable carries a chunk of W tangent
// lanes in a Float64Array (a vector's element k at lanes k·W … k·W + W − 1). Each statement
// first takes its local partials once, by the reverse rule over its own expression tree, then
// runs one lane loop, innermost, that combines the leaves' tangents: a chunk of 16 tangents
// costs a few evaluations of the statement, not 16.
import type { Program, Stmt } from '../ast';
import { partialOf } from '../primitives';
import { activeVariables, dataBinding, inputBinding, type Kind } from './analyze';
import { fresh, ifLines, indent, Names, whileLines } from './emit';
import { argActive, BAIL, Flattener, leafGroups, type Arg, type Scalar, type Vec } from './flatten';
import { literalValue, SOURCE } from './source';

/** (x, off, len, B, W, T, lo, hi): T holds the seeds of the flat slots lo … hi − 1 only
 *  ((hi − lo)·W, lane-minor; every other slot's tangent is zero). Returns f(x) and the output
 *  tangents (m·W). */
export type ForwardCode = (
  x: Float64Array,
  off: Int32Array,
  len: Int32Array,
  budget: number,
  lanes: number,
  seeds: Float64Array,
  lo: number,
  hi: number,
) => { value: number | Float64Array; tangents: Float64Array };

/** A leaf's tangent in lane `l`, the coefficient it is multiplied by, and when it may be nonzero. */
interface Term {
  /** The same leaf gives the same key. */
  readonly key: string;
  readonly lane: (l: string) => string;
  readonly coef: string;
  /** A condition true where the leaf's tangent may be nonzero (elsewhere it is exactly 0). */
  readonly present: string;
  /** The scalar variable this leaf is, if it is one. */
  readonly scalar?: string;
}

/** A whole vector's tangents times a coefficient per element (an n-ary op over the vector). */
interface VecTerm {
  readonly name: string;
  readonly vec: string;
  readonly coef: (k: string) => string;
}

/** Where a statement's tangent goes: a scalar variable's lanes, or lanes of an array. */
type Target = { readonly kind: 'scalar'; readonly name: string } | { readonly kind: 'lanes'; readonly at: (l: string) => string; readonly before: readonly string[] };

/** A coefficient that is a finite literal needs no 0·∞ check. */
const finiteLiteral = (c: string): boolean => Number.isFinite(literalValue(c) ?? NaN);
const times = (c: string, t: string): string => (c === '1' ? t : `${c} * ${t}`);

export function forwardSource(program: Program, inputs: readonly string[], kinds: ReadonlyMap<string, Kind>, data: readonly string[] = []): string {
  const names = new Names(kinds);
  const active = activeVariables(program, data);
  const g = new Forward(names, active);
  // Input i's seeded elements: the slots lo … hi − 1 that fall inside it.
  const head = inputs.flatMap((name, i) => {
    const js = names.js(name);
    const d = g.tan(name);
    if (!active.has(name)) return [`${js} = ${inputBinding(program, name, kinds.get(name), i)};`];
    if (kinds.get(name) !== 'vector') {
      return [`${js} = x[off[${i}]];`, `if (off[${i}] >= lo && off[${i}] < hi) { ${d}.set(T.subarray((off[${i}] - lo) * W, (off[${i}] - lo + 1) * W)); ${g.zero(name)} = false; }`];
    }
    const [lv, hv] = g.range(name);
    return [
      `${js} = ${inputBinding(program, name, 'vector', i)};`,
      `${lv} = Math.max(lo, off[${i}]) - off[${i}];`,
      `${hv} = Math.min(hi, off[${i}] + len[${i}]) - off[${i}];`,
      `if (${hv} <= ${lv}) ${lv} = ${hv} = 0;`,
      `${d} = T.slice((${lv} + off[${i}] - lo) * W, (${hv} + off[${i}] - lo) * W);`,
    ];
  });
  head.push(...data.map((name) => `${names.js(name)} = ${dataBinding(program, name)};`));
  const scalars = [...kinds.keys()].filter((n) => active.has(n) && kinds.get(n) !== 'vector');
  const vectors = [...kinds.keys()].filter((n) => active.has(n) && kinds.get(n) === 'vector');
  const lines = [
    'return function forward(x, off, len, B, W, T, lo, hi) {',
    'let it = 0;',
    names.all().length ? `let ${names.all().join(', ')};` : '',
    // A scalar's lanes, and whether they are all zero (then the lanes themselves are not read).
    ...scalars.map((n) => `const ${g.tan(n)} = new Float64Array(W); let ${g.zero(n)} = true;`),
    // A vector's tangents for its elements lv … hv − 1 (the others' are zero).
    ...vectors.map((n) => `let ${g.tan(n)}, ${g.range(n).join(', ')};`),
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

  /** A scalar's flag: its lanes are all zero. */
  zero(name: string): string {
    return `z${this.names.js(name)}`;
  }

  /** A vector's range of elements whose tangents are kept. */
  range(name: string): [string, string] {
    const js = this.names.js(name);
    return [`l${js}`, `h${js}`];
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

  /** An element's tangent: present when its slot lies in the vector's kept range. */
  private element(name: string, slot: string, coef: string, lines: string[]): Term {
    const [lv, hv] = this.range(name);
    const o = `o${this.count++}`;
    lines.push(`const ${o} = ${slot} >= ${lv} && ${slot} < ${hv} ? (${slot} - ${lv}) * W : -1;`);
    return { key: `${name}[${slot}]`, lane: (l) => `${this.tan(name)}[${o} + ${l}]`, coef, present: `${o} >= 0` };
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
          if (this.active.has(node.name)) terms.push({ key: node.name, lane: (l) => `${this.tan(node.name)}[${l}]`, coef: g, present: `!${this.zero(node.name)}`, scalar: node.name });
          return;
        case 'index':
          if (this.active.has(node.name)) terms.push(this.element(node.name, node.slot, g, lines));
          return;
        case 'call': {
          const { p, args } = node;
          if (args.some((a) => a.t === 'vec')) {
            // max and min of one vector: the rule's derivative is 1 at the first extremum.
            if ((p.name === 'max' || p.name === 'min') && args.length === 1) {
              const v = args[0] as Vec;
              if (!this.active.has(v.name)) return;
              const w = `w${this.count++}`;
              lines.push(`const ${w} = R.winner(${v.val}, ${p.name === 'max'});`);
              terms.push(this.element(v.name, w, g, lines));
              return;
            }
            const D = `D${this.count++}`;
            // sum's partials are all 1: no partials array.
            if (p.name !== 'sum') lines.push(`const ${D} = R.partials(${JSON.stringify(p.name)}, R.cat([${args.map((a) => a.val).join(', ')}]), ${node.val});`);
            let offset = '0';
            for (const a of args) {
              if (a.t === 'vec') {
                const o = offset;
                if (this.active.has(a.name)) vecs.push({ name: a.name, vec: (a as Vec).val, coef: (k) => (p.name === 'sum' ? g : `${g} * ${D}[${o} + ${k}]`) });
                offset = `${offset} + ${a.val}.length`;
              } else {
                const gi = p.name === 'sum' ? g : `c${this.count++}`;
                if (p.name !== 'sum') lines.push(`const ${gi} = ${g} * ${D}[${offset}];`);
                visit(a, gi);
                offset = `${offset} + 1`;
              }
            }
            return;
          }
          if (node.list) {
            // Many arguments: the rule's partials at run time, one array (no giant expression).
            const D = `D${this.count++}`;
            lines.push(`const ${D} = R.partials(${JSON.stringify(p.name)}, ${node.list}, ${node.val});`);
            const groups = leafGroups(args, this.active);
            if (groups) {
              // Plain variables: each one's coefficients summed in argument order, by a loop.
              for (const [name, at] of groups) {
                const c = `c${this.count++}`;
                lines.push(`const ${c} = R.coefficient(${g}, ${D}, [${at.join(', ')}]);`);
                visit({ t: 'var', name, val: this.names.js(name) }, c);
              }
              return;
            }
            args.forEach((a, i) => {
              if (this.isActive(a)) visit(a as Scalar, this.coefficient(`${g} * ${D}[${i}]`, lines));
            });
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
        merged.set(key, { ...t, coef: c });
      }
    }
    return { terms: [...merged.values()], vecs };
  }

  /** Lines writing the tangent of value `n` into the target. Only leaves whose tangents may be
   *  nonzero run a lane loop; a zero leaf times a non-finite coefficient is 0·∞ = NaN, so such a
   *  coefficient makes every lane NaN, as the dense sum would. */
  private tangentInto(n: Scalar, target: Target, lines: string[]): void {
    const { terms, vecs } = this.linearize(n, lines);
    // s = s + …: the other terms accumulate into s's own lanes.
    const self = target.kind === 'scalar' ? terms.find((t) => t.scalar === target.name && t.coef === '1') : undefined;
    const into = self && target.kind === 'scalar' ? (l: string) => `${this.tan(target.name)}[${l}]` : (l: string) => `TT[${l}]`;
    const nz = `n${this.count++}`;
    const bad = `b${this.count++}`;
    lines.push(`let ${nz} = ${self && target.kind === 'scalar' ? `!${this.zero(target.name)}` : 'false'}, ${bad} = false;`);
    const add = (coef: string, lane: (l: string) => string) =>
      `if (${nz}) { for (let l = 0; l < W; l++) ${into('l')} += ${times(coef, lane('l'))}; } else { for (let l = 0; l < W; l++) ${into('l')} = ${times(coef, lane('l'))}; ${nz} = true; }`;
    for (const t of terms) {
      if (t === self) continue;
      lines.push(`if (${t.present}) { ${add(t.coef, t.lane)} }${finiteLiteral(t.coef) ? '' : ` else if (${t.coef} - ${t.coef} !== 0) ${bad} = true;`}`);
    }
    for (const v of vecs) {
      const [lv, hv] = this.range(v.name);
      lines.push(
        `for (let k = 0; k < ${v.vec}.length; k++) {`,
        `const ck = ${v.coef('k')};`,
        `if (k >= ${lv} && k < ${hv}) { const ok = (k - ${lv}) * W; ${add('ck', (l) => `${this.tan(v.name)}[ok + ${l}]`)} } else if (ck - ck !== 0) ${bad} = true;`,
        '}',
      );
    }
    if (target.kind === 'scalar') {
      const d = this.tan(target.name);
      const z = this.zero(target.name);
      const copy = self ? '' : ` for (let l = 0; l < W; l++) ${d}[l] = TT[l];`;
      lines.push(`if (${bad}) { ${d}.fill(NaN); ${z} = false; } else if (${nz}) {${copy} ${z} = false; } else ${z} = true;`);
      return;
    }
    lines.push(...target.before);
    lines.push(`if (${bad}) { for (let l = 0; l < W; l++) ${target.at('l')} = NaN; } else if (${nz}) { for (let l = 0; l < W; l++) ${target.at('l')} = TT[l]; } else { for (let l = 0; l < W; l++) ${target.at('l')} = 0; }`);
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
          const [lv, hv] = this.range(s.name);
          let copy: string[] = [];
          if (on && this.active.has(n.name)) {
            const [lu, hu] = this.range(n.name);
            copy = [`${d} = ${this.tan(n.name)}.slice();`, `${lv} = ${lu}; ${hv} = ${hu};`];
          } else if (on) copy = [`${d} = new Float64Array(0);`, `${lv} = ${hv} = 0;`];
          return ['{', ...f.lines, `${js(s.name)} = ${n.val}.slice();`, ...copy, '}'];
        }
        if (n.t === 'lit') {
          n.items.forEach((i) => f.checkNaN(i));
          const lines: string[] = [];
          if (on) {
            lines.push(`const dn = new Float64Array(${n.items.length} * W);`);
            n.items.forEach((item, k) => this.tangentInto(item, { kind: 'lanes', at: (l) => `dn[${k} * W + ${l}]`, before: [] }, lines));
          }
          const [lv, hv] = this.range(s.name);
          const set = on ? [`${d} = dn;`, `${lv} = 0; ${hv} = ${n.items.length};`] : [];
          return ['{', ...f.lines, ...lines, `${js(s.name)} = Float64Array.of(${n.items.map((i) => i.val).join(', ')});`, ...set, '}'];
        }
        f.checkNaN(n);
        const lines: string[] = [];
        if (on) this.tangentInto(n, { kind: 'scalar', name: s.name }, lines);
        return ['{', ...f.lines, ...lines, `${js(s.name)} = ${n.val};`, '}'];
      }
      case 'assignIndex': {
        const f = this.flat(defined);
        const target = f.node({ kind: 'index', name: s.name, index: s.index, span: s.span });
        const v = f.scalar(s.value);
        f.checkNaN(v);
        if (target.t !== 'index') return ['{', ...f.lines, '}'];
        const lines: string[] = [];
        if (this.active.has(s.name)) {
          const d = this.tan(s.name);
          const [lv, hv] = this.range(s.name);
          const k = target.slot;
          // An element outside the kept range widens it (geometrically, so a loop writing every
          // element widens it a logarithmic number of times).
          const widen = [`if (${k} < ${lv} || ${k} >= ${hv}) { const w = R.widen(${d}, ${lv}, ${hv}, ${k}, ${js(s.name)}.length, W); ${d} = w.d; ${lv} = w.lo; ${hv} = w.hi; }`];
          this.tangentInto(v, { kind: 'lanes', at: (l) => `${d}[(${k} - ${lv}) * W + ${l}]`, before: widen }, lines);
        }
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
        const reset = this.active.has(s.name) ? [`${this.zero(s.name)} = true;`] : [];
        return [
          '{',
          ...f.lines,
          `const lo = ${lo.val}, hi = ${hi.val};`,
          `if (!Number.isFinite(lo) || !Number.isFinite(hi)) ${BAIL}`,
          ...this.names.forLoop(s, defined, () => [
            'for (let i = lo; i <= hi; i++) {',
            `if (++it > B) ${BAIL}`,
            `${js(s.name)} = i;`,
            ...reset,
            ...this.block(s.body, new Set(defined).add(s.name)),
            '}',
          ]),
          '}',
        ];
      }
      case 'return': {
        const f = this.flat(defined);
        const n = f.node(s.value);
        const lines: string[] = [];
        if (n.t === 'vec') {
          const t = this.active.has(n.name) ? `R.dense(${this.tan(n.name)}, ${this.range(n.name).join(', ')}, ${n.val}.length, W)` : `new Float64Array(${n.val}.length * W)`;
          return ['{', ...f.lines, `return { value: ${n.val}.slice(), tangents: ${t} };`, '}'];
        }
        if (n.t === 'lit') {
          n.items.forEach((i) => f.checkNaN(i));
          lines.push(`const dn = new Float64Array(${n.items.length} * W);`);
          n.items.forEach((item, k) => this.tangentInto(item, { kind: 'lanes', at: (l) => `dn[${k} * W + ${l}]`, before: [] }, lines));
          return ['{', ...f.lines, ...lines, `return { value: Float64Array.of(${n.items.map((i) => i.val).join(', ')}), tangents: dn };`, '}'];
        }
        f.checkNaN(n);
        lines.push('const dn = new Float64Array(W);');
        this.tangentInto(n, { kind: 'lanes', at: (l) => `dn[${l}]`, before: [] }, lines);
        return ['{', ...f.lines, ...lines, `return { value: ${n.val}, tangents: dn };`, '}'];
      }
      case 'expr':
        return this.flat(defined).statement(s.value);
    }
  }
}
