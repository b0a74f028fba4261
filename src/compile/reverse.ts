// Reverse mode by source transformation: a forward sweep that runs the primal and pushes what
// the adjoint needs onto a growable typed-array stack (each overwritten value, each branch taken,
// each loop's trip count), then an adjoint sweep that runs the statements backwards, restoring
// the values, recomputing each statement's intermediates and accumulating adjoints with the
// primitive table's partials written as JavaScript. Nothing is unrolled: the code's size follows
// the program text.
import type { Expr, Program, Stmt } from '../ast';
import { partialOf } from '../primitives';
import { dataBinding, inputBinding, activeVariables, isActive, returnsAtEnds, walk, withFinalReturn, type Kind } from './analyze';
import { dotAdjointTrips, dotLoop, dotTrips } from './dot';
import { condLines, fresh, indent, Names } from './emit';
import { matvecTrips } from './matvec';
import { argActive, BAIL, Flattener, leafGroups, type Arg, type Scalar, type Vec } from './flatten';
import { nanPlan } from './nan';
import { coverHead, coverLines, coverOk, coverPlan } from './cover';
import { SOURCE } from './source';

/** What a reverse run keeps between calls: its stacks (reused, grown as needed) and the seed. */
export interface ReverseState {
  S: Float64Array;
  O: unknown[];
  /** The cotangent for the output just computed (checked against its size by the caller). */
  seed: (value: number | Float64Array, finite: boolean) => Float64Array;
  /** Stack entries the last forward sweep pushed. */
  pushed: number;
  /** A gradient buffer reused between calls that copy it out (compiledPullback's `reuse`). */
  G?: Float64Array;
  /** Whether the last adjoint sweep vouches that every entry it wrote into G is finite
   *  (answerTest); false where it cannot say. */
  finite: boolean;
}

/** (x, off, len, B, st, G): adds wᵀJ into G (zeros on entry) at the inputs' offsets and returns f(x). */
export type ReverseCode = (x: Float64Array, off: Int32Array, len: Int32Array, budget: number, st: ReverseState, G: Float64Array) => number | Float64Array;

/** Whether a statement list assigns the variable anywhere (a loop counter the body changes). */
export function assigns(body: readonly Stmt[], name: string): boolean {
  for (const s of walk(body)) if ((s.kind === 'assign' || s.kind === 'for') && s.name === name) return true;
  return false;
}

/** A loop whose body is one accumulation `z = z + t`, t a sum or product of leaves not reading z:
 *  t's adjoint needs no value of z, so z is saved once for the loop rather than once per trip. */
function accumulation(s: Extract<Stmt, { kind: 'for' }>, kinds: ReadonlyMap<string, Kind>): { name: string; term: Expr } | undefined {
  const [b] = s.body;
  if (s.body.length !== 1 || b.kind !== 'assign' || b.name === s.name || kinds.get(b.name) !== 'scalar') return undefined;
  const v = b.value;
  if (v.kind !== 'call' || v.op !== 'add' || v.args.length !== 2) return undefined;
  const [head, term] = v.args;
  if (head.kind !== 'variable' || head.name !== b.name || isActive(term, new Set([b.name])) || !products(term)) return undefined;
  return { name: b.name, term };
}

/** Sums and products of leaves (a dot product's term): partials that are leaves, nothing worth
 *  saving per trip. Other terms (exp(x[i]), whose partial is its value) take the general path,
 *  which saves what the adjoint reads. */
function products(e: Expr): boolean {
  if (e.kind === 'number' || e.kind === 'constant' || e.kind === 'variable' || e.kind === 'index') return true;
  return e.kind === 'call' && ['add', 'subtract', 'multiply', 'unaryMinus'].includes(e.op) && e.args.every(products);
}

export const push = (v: string) => `{ if (sp === S.length) S = R.grow(S); S[sp++] = ${v}; }`;

/**
 * A forward sweep's `for` loop whose body leaves the counter alone: the counter is lo + k on trip
 * k, exactly for an integer lo, so the adjoint sweep recomputes it (a fractional lo saves each
 * value), and the loop saves lo and its trip count. `trip` writes a trip's body, after the counter.
 */
export function countedFor(names: Names, s: Extract<Stmt, { kind: 'for' }>, defined: ReadonlySet<string>, js: string, trip: () => string[]): string[] {
  return [
    'const frac = !Number.isInteger(lo);',
    ...names.forLoop(s, defined, () => ['for (let i = lo; i <= hi; i++) {', `if (++it > B) ${BAIL}`, 'n++;', `${js} = i;`, ...trip(), `if (frac) ${push('i')}`, '}']),
    push('lo'),
    push('n'),
  ];
}
const POP = 'S[--sp]';

export function reverseSource(program: Program, inputs: readonly string[], kinds: ReadonlyMap<string, Kind>, data: readonly string[] = []): string {
  const body = returnsAtEnds(withFinalReturn(program));
  // The forward sweep's plain loops test the point's elements (not the dot-product kernels').
  const cover = coverPlan(body, inputs, kinds, (s) => !accumulation(s, kinds));
  const names = new Names(kinds, nanPlan(body, kinds, false), cover);
  const active = activeVariables(program, data);
  const g = new Reverse(names, active, kinds);
  // A first pass over the adjoint sweep finds the scalars it reads; the others are never saved.
  g.reverse(body);
  g.settle();
  const adjoints = [...kinds.keys()].filter((n) => active.has(n));
  // An input vector never assigned whole keeps one adjoint array: the gradient's own slice.
  const reassigned = new Set([...walk(body)].filter((s) => s.kind === 'assign').map((s) => (s as { name: string }).name));
  const direct = (n: string) => inputs.includes(n) && kinds.get(n) === 'vector' && !reassigned.has(n);
  const head = [...inputs.map((name, i) => `${names.js(name)} = ${inputBinding(program, name, kinds.get(name), i)};`), ...data.map((name) => `${names.js(name)} = ${dataBinding(program, name)};`)];
  const adjoint = g.reverse(body);
  const adjointLines = cover && direct(inputs[0]) ? answerTest(adjoint, g.adj(inputs[0])) : adjoint;
  const lines = [
    'return function reverse(x, off, len, B, st, G) {',
    'let it = 0, sp = 0, S = st.S;',
    'const O = st.O;',
    'let RES, AC = 0;',
    ...coverHead(cover),
    names.all().length ? `let ${names.all().join(', ')};` : '',
    ...head,
    '// Forward sweep.',
    ...g.forward(body, new Set([...inputs, ...data])),
    `if (RES === undefined) ${BAIL}`,
    'st.pushed = sp;',
    `const W = st.seed(RES, ${coverOk(cover)});`,
    '// Adjoint sweep.',
    ...adjoints.map((n) => {
      const js = names.js(n);
      if (direct(n)) return `let ${g.adj(n)} = G.subarray(off[${inputs.indexOf(n)}], off[${inputs.indexOf(n)}] + len[${inputs.indexOf(n)}]);`;
      return kinds.get(n) === 'vector' ? `let ${g.adj(n)} = ${js} === undefined ? undefined : new Float64Array(${js}.length);` : `let ${g.adj(n)} = 0;`;
    }),
    ...adjointLines,
    `st.finite = ${adjointLines === adjoint ? 'false' : 'AC - AC === 0'};`,
    ...inputs.map((name, i) => {
      if (!active.has(name) || direct(name)) return '';
      return kinds.get(name) === 'vector' ? `G.set(${g.adj(name)}, off[${i}]);` : `G[off[${i}]] = ${g.adj(name)};`;
    }),
    'st.S = S;',
    'return RES;',
    '};',
  ];
  return indent(lines.filter((l) => l !== ''));
}

const tokens = (line: string): string[] => line.match(/[A-Za-z_$][\w$]*/g) ?? [];

/**
 * The answer's finiteness test folded into the adjoint sweep's writes, for the one input vector
 * whose adjoint is G itself: G starts at 0 and every write is `a[s] += g`, so G ends finite when
 * every value written is (a non-finite sum stays non-finite under +=, so the test misses
 * nothing). Each value written is added to AC, finite when they all are (or NaN, ±∞ after an
 * overflow: then the caller scans the answer as before). Where G is written any other way (a
 * kernel, a loop over the whole vector), the lines are returned as they are (the same array), and
 * the caller scans the answer.
 */
function answerTest(lines: readonly string[], a: string): readonly string[] {
  const write = new RegExp(`^${a.replace(/\$/g, '\\$')}\\[([^\\]]+)\\] \\+= (.+);$`);
  const out: string[] = [];
  for (const line of lines) {
    if (!tokens(line).includes(a)) {
      out.push(line);
      continue;
    }
    const m = write.exec(line);
    if (!m) return lines;
    out.push(`AC += (${a}[${m[1]}] += ${m[2]});`);
  }
  return out;
}

class Reverse {
  /** Scalars the adjoint sweep reads (after the first pass); null: not yet known, all are saved. */
  private needed: Set<string> | null = null;
  private readonly reads = new Set<string>();
  /** Per statement, the costly intermediates the forward sweep saves (by temporary number). */
  private readonly tapes = new Map<Stmt, string[]>();

  constructor(
    private readonly names: Names,
    private readonly active: ReadonlySet<string>,
    private readonly kinds: ReadonlyMap<string, Kind>,
  ) {}

  /** After the first pass: only the scalars its adjoint lines read are saved and restored. */
  settle(): void {
    this.needed = new Set([...this.kinds.keys()].filter((n) => this.kinds.get(n) === 'vector' || this.reads.has(this.js(n))));
  }

  /** Whether the adjoint sweep reads this variable's earlier values (a return reads the last ones). */
  private saved(name: string): boolean {
    return this.needed === null || this.needed.has(name);
  }

  /** The recomputed lines the adjoint lines `uses` depend on, then `uses`: a value nothing reads
   *  is dropped, and a costly one is popped (the forward sweep saved it: see saves). */
  private replay(s: Stmt | null, f: Flattener, uses: readonly string[]): string[] {
    const tape = s !== null;
    const read = new Set(uses.flatMap(tokens));
    const kept: string[] = [];
    const popped: string[] = [];
    for (let i = f.lines.length - 1; i >= 0; i--) {
      const m = /^const (\w+) = /.exec(f.lines[i]);
      if (m && !read.has(m[1])) continue;
      if (m && tape && f.costly.has(m[1])) {
        popped.push(m[1]);
        continue;
      }
      tokens(f.lines[i]).forEach((t) => read.add(t));
      kept.push(f.lines[i]);
    }
    if (s !== null) this.tapes.set(s, popped.map((t) => t.slice(f.prefix.length)).reverse());
    return [...popped.map((t) => `const ${t} = ${POP};`), ...kept.reverse(), ...uses];
  }

  /** Forward-sweep lines saving the statement's costly intermediates, in temporary order. */
  private saves(s: Stmt, f: Flattener): string[] {
    return (this.tapes.get(s) ?? []).map((k) => push(`${f.prefix}${k}`));
  }

  /** Adjoint lines of one statement, noting the variables they read. */
  private noted(lines: string[]): string[] {
    lines.forEach((l) => tokens(l).forEach((t) => this.reads.add(t)));
    return lines;
  }

  adj(name: string): string {
    return `a${this.names.js(name)}`;
  }

  private js(name: string): string {
    return this.names.js(name);
  }

  private checked(defined: ReadonlySet<string>): Flattener {
    return new Flattener(this.names.scope(defined), true, fresh());
  }

  /** Recomputation in the adjoint sweep: the values passed every check in the forward sweep. */
  private again(): Flattener {
    return new Flattener(this.names.scope(new Set()), false, fresh());
  }

  forward(body: readonly Stmt[], defined: Set<string>): string[] {
    return body.flatMap((s) => this.fwd(s, defined));
  }

  private fwd(s: Stmt, defined: Set<string>): string[] {
    const js = this.js(s.kind === 'assign' || s.kind === 'assignIndex' || s.kind === 'for' ? s.name : '');
    switch (s.kind) {
      case 'assign': {
        const f = this.checked(defined);
        const n = f.node(s.value);
        defined.add(s.name);
        if (n.t === 'vec') return ['{', ...f.lines, `O.push(${js});`, `${js} = ${n.val}.slice();`, '}'];
        if (n.t === 'lit') {
          n.items.forEach((i) => f.checkNaN(i));
          return ['{', ...f.lines, ...this.saves(s, f), `O.push(${js});`, `${js} = Float64Array.of(${n.items.map((i) => i.val).join(', ')});`, '}'];
        }
        if (!this.names.nan.untested.has(s)) f.checkNaN(n);
        return ['{', ...f.lines, ...this.saves(s, f), ...(this.saved(s.name) ? [push(js)] : []), `${js} = ${n.val};`, '}'];
      }
      case 'assignIndex': {
        const f = this.checked(defined);
        const target = f.node({ kind: 'index', name: s.name, index: s.index, span: s.span });
        const v = f.scalar(s.value);
        f.checkNaN(v);
        if (target.t !== 'index') return ['{', ...f.lines, '}'];
        return ['{', ...f.lines, ...this.saves(s, f), push(target.slot), push(`${js}[${target.slot}]`), `${js}[${target.slot}] = ${v.val};`, '}'];
      }
      case 'while': {
        const scope = this.names.scope(defined);
        const inner = this.forward(s.body, new Set(defined));
        return ['{', 'let n = 0;', 'for (;;) {', 'let c;', ...condLines(s.cond, 'c', scope, true), 'if (!c) break;', `if (++it > B) ${BAIL}`, 'n++;', ...inner, '}', push('n'), '}'];
      }
      case 'if': {
        const scope = this.names.scope(defined);
        const a = new Set(defined);
        const b = new Set(defined);
        const then = this.forward(s.then, a);
        const other = this.forward(s.else ?? [], b);
        for (const name of a) if (b.has(name)) defined.add(name);
        // The decision goes on the stack after the branch's own entries, so that the adjoint
        // sweep reads it before undoing the branch.
        return ['{', 'let c;', ...condLines(s.cond, 'c', scope, true), 'if (c) {', ...then, push('1'), '} else {', ...other, push('0'), '}', '}'];
      }
      case 'for': {
        const f = this.checked(defined);
        const lo = f.scalar(s.from);
        const hi = f.scalar(s.to);
        f.checkNaN(lo);
        f.checkNaN(hi);
        const acc = accumulation(s, this.kinds);
        const inside = new Set(defined).add(s.name);
        const head = ['{', ...f.lines, `const lo = ${lo.val}, hi = ${hi.val};`, `if (!Number.isFinite(lo) || !Number.isFinite(hi)) ${BAIL}`, 'let n = 0;'];
        if (acc) {
          // z's value before the loop is saved once: no adjoint in the body reads z (see accumulation).
          const z = this.js(acc.name);
          const trips = (): string[] => {
            const body = this.checked(inside);
            const v = body.scalar(acc.term);
            const trip = [`${js} = i;`, ...body.lines, `${z} = (${z} + ${v.val});`];
            return [
              'if (!frac) {',
              // The trips are counted against the budget at once, and z tested once, after the
              // loop: a NaN stays NaN under +, and any bail reruns the interpreter from the start.
              'n = hi >= lo ? Math.floor(hi - lo) + 1 : 0;',
              `if ((it += n) > B) ${BAIL}`,
              'for (let i = lo; i <= hi; i++) {',
              ...trip,
              '}',
              '} else {',
              'for (let i = lo; i <= hi; i++) {',
              `if (++it > B) ${BAIL}`,
              'n++;',
              ...trip,
              push('i'),
              '}',
              '}',
            ];
          };
          return [
            ...head,
            push(js),
            push(z),
            'const frac = !Number.isInteger(lo);',
            ...this.names.forLoop(s, defined, dotTrips(dotLoop(s, acc.name, acc.term, this.active), this.names, inside, trips)),
            `if (${z} !== ${z}) ${BAIL}`,
            push('lo'),
            push('n'),
            // 0 where z ended finite, NaN where infinite: see the adjoint sweep's skip.
            push(`${z} - ${z}`),
            '}',
          ];
        }
        if (assigns(s.body, s.name)) {
          // The body may change the counter: each header assignment saves what it overwrites.
          const inner = this.forward(s.body, inside);
          return [...head, 'for (let i = lo; i <= hi; i++) {', `if (++it > B) ${BAIL}`, 'n++;', push(js), `${js} = i;`, ...inner, '}', push('n'), '}'];
        }
        // The counter's old value is saved once; countedFor recomputes the rest.
        return [...head, ...coverLines(this.names.cover, s), push(js), ...matvecTrips(s, this.names, this.active, () => countedFor(this.names, s, defined, js, () => this.forward(s.body, new Set(inside)))), '}'];
      }
      case 'return': {
        const f = this.checked(defined);
        const value = f.result(s.value);
        return ['{', ...f.lines, `RES = ${value};`, '}'];
      }
      case 'expr':
        return this.checked(defined).statement(s.value);
    }
  }

  reverse(body: readonly Stmt[]): string[] {
    return [...body].reverse().flatMap((s) => this.rev(s));
  }

  private rev(s: Stmt): string[] {
    switch (s.kind) {
      case 'assign': {
        const js = this.js(s.name);
        const vector = this.kinds.get(s.name) === 'vector';
        const restore = vector ? [`${js} = O.pop();`] : this.saved(s.name) ? [`${js} = ${POP};`] : [];
        if (!this.active.has(s.name)) return restore;
        const a = this.adj(s.name);
        const f = this.again();
        const lines: string[] = [];
        const n = f.node(s.value);
        if (!vector) {
          if (n.t === 'lit' || n.t === 'vec') return restore;
          lines.push('const g = ' + a + ';', `${a} = 0;`);
          this.propagate(n, 'g', lines);
        } else {
          lines.push(`const g = ${a};`, `${a} = ${js} === undefined ? undefined : new Float64Array(${js}.length);`);
          if (n.t === 'vec' && this.active.has(n.name)) lines.push(`for (let k = 0; k < g.length; k++) ${this.adj(n.name)}[k] += g[k];`);
          if (n.t === 'lit') n.items.forEach((item, k) => this.propagate(item, `g[${k}]`, lines));
        }
        return ['{', ...restore, ...this.noted(this.replay(s, f, lines)), '}'];
      }
      case 'assignIndex': {
        const js = this.js(s.name);
        const restore = ['const old = ' + POP + ';', `const k = ${POP};`, `${js}[k] = old;`];
        if (!this.active.has(s.name)) return ['{', ...restore, '}'];
        const a = this.adj(s.name);
        const f = this.again();
        // The target first, as in the forward sweep: the temporaries are numbered alike.
        f.node({ kind: 'index', name: s.name, index: s.index, span: s.span });
        const v = f.scalar(s.value);
        const lines: string[] = [`const g = ${a}[k];`, `${a}[k] = 0;`];
        this.propagate(v, 'g', lines);
        return ['{', ...restore, ...this.noted(this.replay(s, f, lines)), '}'];
      }
      case 'while':
        return ['{', `let n = ${POP};`, 'while (n-- > 0) {', ...this.reverse(s.body), '}', '}'];
      case 'if':
        return [`if (${POP}) {`, ...this.reverse(s.then), '} else {', ...this.reverse(s.else ?? []), '}'];
      case 'for': {
        const js = this.js(s.name);
        const reset = this.active.has(s.name) ? [`${this.adj(s.name)} = 0;`] : [];
        if (assigns(s.body, s.name)) return ['{', `let n = ${POP};`, 'while (n-- > 0) {', ...this.reverse(s.body), `${js} = ${POP};`, ...reset, '}', '}'];
        const acc = accumulation(s, this.kinds);
        if (acc) {
          // z = z + t passes z's adjoint through unchanged: every trip adds g·∂t to t's leaves.
          const lines: string[] = [];
          const f = this.again();
          const term = f.scalar(acc.term);
          if (this.active.has(acc.name)) this.propagate(term, 'g', lines);
          // With g = 0 (a ReLU unit that is off) every trip adds 0·∂t = 0, so the loop is
          // skipped where z ended finite in the forward sweep: t is sums and products of leaves,
          // which stay finite only where every leaf and partial is finite. Otherwise 0·∞ is NaN,
          // which must reach the caller (the interpreted sweeps take that case).
          const dot = dotLoop(s, acc.name, acc.term, this.active);
          return [
            '{',
            `const finite = ${POP} === 0, n = ${POP} | 0, lo = ${POP};`,
            'const frac = !Number.isInteger(lo);',
            `const g = ${this.active.has(acc.name) ? this.adj(acc.name) : '0'};`,
            'if (g === 0 && finite && !frac) {} else if (!frac) {',
            ...dotAdjointTrips(dot, this.names, this.active, (n) => this.adj(n), ['for (let k = n - 1; k >= 0; k--) {', `${js} = lo + k;`, ...f.lines, ...lines, ...reset, '}']),
            '} else {',
            'for (let k = n - 1; k >= 0; k--) {',
            `${js} = ${POP};`,
            ...f.lines,
            ...lines,
            ...reset,
            '}',
            '}',
            `${this.js(acc.name)} = ${POP};`,
            `${js} = ${POP};`,
            '}',
          ];
        }
        return [
          '{',
          `const n = ${POP} | 0, lo = ${POP};`,
          // An int32 lo gives the counter as an int32 sum (lo comes off the stack as a double,
          // and lo + k with it kept every index a double: about 10% of Rosenbrock's gradient).
          'const frac = !Number.isInteger(lo), li = lo | 0, small = li === lo;',
          'for (let k = n - 1; k >= 0; k--) {',
          `${js} = frac ? ${POP} : small ? li + k : lo + k;`,
          ...this.reverse(s.body),
          ...reset,
          '}',
          `${js} = ${POP};`,
          '}',
        ];
      }
      case 'return':
        return this.seed(s.value);
      case 'expr':
        return [];
    }
  }

  /** The output's adjoint is the cotangent W. */
  private seed(value: Expr): string[] {
    const f = this.again();
    const n = f.node(value);
    const lines: string[] = [];
    if (n.t === 'vec') {
      if (this.active.has(n.name)) lines.push(`for (let k = 0; k < W.length; k++) ${this.adj(n.name)}[k] += W[k];`);
    } else if (n.t === 'lit') n.items.forEach((item, k) => this.propagate(item, `W[${k}]`, lines));
    else this.propagate(n, 'W[0]', lines);
    return ['{', ...this.replay(null, f, lines), '}'];
  }

  private isActive(n: Arg): boolean {
    return argActive(n, this.active);
  }

  private gradTemps = 0;

  /** Adds g·∂node/∂leaf to every active leaf's adjoint, the chain rule down the expression tree. */
  private propagate(n: Scalar, g: string, lines: string[]): void {
    switch (n.t) {
      case 'const':
        return;
      case 'var':
        if (this.active.has(n.name)) lines.push(`${this.adj(n.name)} += ${g};`);
        return;
      case 'index':
        if (this.active.has(n.name)) lines.push(`${this.adj(n.name)}[${n.slot}] += ${g};`);
        return;
      case 'call': {
        const { p, args } = n;
        if (args.some((a) => a.t === 'vec')) return this.naryOverVectors(n, g, lines);
        if (n.list) {
          // Many arguments: the rule's partials at run time, one array (no giant expression).
          const D = `D${this.gradTemps++}`;
          lines.push(`const ${D} = R.partials(${JSON.stringify(p.name)}, ${n.list}, ${n.val});`);
          const groups = leafGroups(args, this.active);
          if (groups) {
            // Plain variables: each one's adjoint takes its arguments' terms in argument order, by
            // a loop over their positions (10⁵ statements would overflow the stack frame).
            for (const [name, at] of groups) lines.push(`${this.adj(name)} = R.accumulate(${this.adj(name)}, ${g}, ${D}, [${at.join(', ')}]);`);
            return;
          }
          args.forEach((a, i) => {
            if (!this.isActive(a)) return;
            const gi = `g${this.gradTemps++}`;
            lines.push(`const ${gi} = ${g} * ${D}[${i}];`);
            this.propagate(a as Scalar, gi, lines);
          });
          return;
        }
        const vals = args.map((a) => (a as Scalar).val);
        args.forEach((a, i) => {
          if (!this.isActive(a)) return;
          const partial = partialOf(p, i)(SOURCE, vals, n.val, i);
          const gi = `g${this.gradTemps++}`;
          lines.push(`const ${gi} = ${SOURCE.mul(g, partial)};`);
          this.propagate(a as Scalar, gi, lines);
        });
        return;
      }
    }
  }

  /** sum and dot over whole vectors inline; other n-ary ops take the rule's partials at run time. */
  private naryOverVectors(n: Extract<Scalar, { t: 'call' }>, g: string, lines: string[]): void {
    const { p, args } = n;
    const vecAdd = (v: Vec, term: (k: string) => string) => {
      if (this.active.has(v.name)) lines.push(`for (let k = 0; k < ${v.val}.length; k++) ${this.adj(v.name)}[k] += ${term('k')};`);
    };
    if (p.name === 'sum') {
      for (const a of args) {
        if (a.t === 'vec') vecAdd(a, () => g);
        else this.propagate(a, g, lines);
      }
      return;
    }
    const id = this.gradTemps++;
    if ((p.name === 'max' || p.name === 'min') && args.length === 1 && args[0].t === 'vec') {
      const v = args[0];
      if (this.active.has(v.name)) lines.push(`${this.adj(v.name)}[R.winner(${v.val}, ${p.name === 'max'})] += ${g};`);
      return;
    }
    if (p.name === 'dot' && args.length === 2 && args[0].t === 'vec' && args[1].t === 'vec') {
      const [a, b] = args as Vec[];
      lines.push(`if (${a.val}.length === ${b.val}.length) {`);
      vecAdd(a, (k) => `${g} * ${b.val}[${k}]`);
      vecAdd(b, (k) => `${g} * ${a.val}[${k}]`);
      lines.push('} else {');
      this.generic(n, g, lines, id);
      lines.push('}');
      return;
    }
    this.generic(n, g, lines, id);
  }

  private generic(n: Extract<Scalar, { t: 'call' }>, g: string, lines: string[], id: number): void {
    const D = `D${id}`;
    lines.push(`const ${D} = R.partials(${JSON.stringify(n.p.name)}, R.cat([${n.args.map((a) => a.val).join(', ')}]), ${n.val});`, `let o${id} = 0;`);
    for (const a of n.args) {
      if (a.t === 'vec') {
        if (this.active.has(a.name)) lines.push(`for (let k = 0; k < ${a.val}.length; k++) ${this.adj(a.name)}[k] += ${g} * ${D}[o${id} + k];`);
        lines.push(`o${id} += ${a.val}.length;`);
      } else {
        const gi = `g${this.gradTemps++}`;
        lines.push(`const ${gi} = ${g} * ${D}[o${id}++];`);
        this.propagate(a, gi, lines);
      }
    }
  }
}
