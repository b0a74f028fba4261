// Second derivatives by forward over generated reverse: the reverse sweep of reverse.ts with W
// tangent lanes on every active value and every adjoint. A value's lanes are its directional
// derivatives; an adjoint's lanes, at an input, are H·d for the W directions d. The tangents of
// the partials come from evaluating the table's rule lines in a dual algebra over source text
// (values once per statement, tangents in one loop over the lanes), so no rule is restated.
// Loops stay loops and branches are replayed, as in reverse.ts.
import type { Expr, Program, Stmt } from '../ast';
import { Dual as Lanes64, dualDomain } from '../diff/dual';
import { algebraOf, float } from '../interpret/domain';
import { partialOf, partials, primitive } from '../primitives';
import { activeVariables, inputBinding, Refused, returnsAtEnds, withFinalReturn, type Kind } from './analyze';
import { condLines, fresh, indent, Names } from './emit';
import { argActive, BAIL, Flattener, type Arg, type Scalar, type Vec } from './flatten';
import { assigns, countedFor, push } from './reverse';
import { dualAlgebra, Lanes, tangentSum, type Dual } from './dual-source';

/** What a second-order run keeps between calls: its stacks (values, lanes, objects) and the seed. */
export interface HvpState {
  S: Float64Array;
  D: Float64Array;
  O: unknown[];
  /** The output's cotangent (throws for a function with more than one output). */
  seed: (value: number | Float64Array) => number;
  pushed: number;
  /** An n-ary op over whole vectors with its lanes, at run time (see `naryLanes`). */
  L: typeof naryLanes;
}

const FLOAT = algebraOf(float);

/** An n-ary op over whole vectors: the output's lanes T and every partial D with its lanes DT
 *  (argument-major), the rule evaluated in the interpreter's dual numbers at run time, since the
 *  argument count is known only then. `tparts` holds each part's lanes (W per element; null: none). */
export function naryLanes(op: string, parts: readonly (number | Float64Array)[], tparts: readonly (Float64Array | null | undefined)[], W: number, out: number): { T: Float64Array; D: Float64Array; DT: Float64Array } {
  const xs: Lanes64<number>[] = [];
  parts.forEach((part, j) => {
    const t = tparts[j];
    if (typeof part === 'number') xs.push(new Lanes64(part, t ? Array.from({ length: W }, (_, l) => t[l]) : null));
    else for (let k = 0; k < part.length; k++) xs.push(new Lanes64(part[k], t ? Array.from({ length: W }, (_, l) => t[k * W + l]) : null));
  });
  const p = primitive(op);
  const wanted = (i: number) => xs[i].t !== null;
  const first = partials(p, FLOAT, xs.map((x) => x.v), out, wanted);
  const T = new Float64Array(W);
  xs.forEach((x, i) => {
    if (x.t) for (let l = 0; l < W; l++) T[l] += first[i]! * x.t[l]!;
  });
  const second = partials(p, algebraOf(dualDomain(float, W)), xs, new Lanes64(out, Array.from(T)), wanted);
  const D = new Float64Array(xs.length);
  const DT = new Float64Array(xs.length * W);
  second.forEach((d, i) => {
    if (!d) return;
    D[i] = d.v;
    if (d.t) for (let l = 0; l < W; l++) DT[i * W + l] = d.t[l] ?? 0;
  });
  return { T, D, DT };
}

/** (x, off, len, B, st, W, T, G, H): T holds the n·W direction lanes (lane-minor); writes ∇f into G
 *  and the n·W lanes of H·d into H, and returns f(x). */
export type HvpCode = (x: Float64Array, off: Int32Array, len: Int32Array, budget: number, st: HvpState, lanes: number, T: Float64Array, G: Float64Array, H: Float64Array) => number | Float64Array;

/** Thrown (as this text) where the lanes need what the generated code does not provide; the
 *  caller hands the call to the interpreter with it as the note. */
const UNEQUAL = "'second derivatives of dot over vectors of different lengths are not compiled'";

const POP = 'S[--sp]';
const GROW = 'while (dp + W > D.length) D = R.grow(D);';
/** Lanes `at(l)` onto the lane stack, and back. */
const pushLanes = (at: (l: string) => string) => [GROW, `for (let l = 0; l < W; l++) D[dp + l] = ${at('l')};`, 'dp += W;'];
const popLanes = (at: (l: string) => string) => ['dp -= W;', `for (let l = 0; l < W; l++) ${at('l')} = D[dp + l];`];

/** A statement's pre lines in the adjoint sweep, after the target's lanes are restored where pre
 *  reads whole tangent arrays (else the lane loop restores them, one loop fewer). */
function restored(cx: Lanes, at: (l: string) => string): string[] {
  return cx.readsLanes ? [`for (let l = 0; l < W; l++) ${at('l')} = D[dp + l];`, ...cx.pre] : [...cx.pre];
}

export function hvpSource(program: Program, inputs: readonly string[], kinds: ReadonlyMap<string, Kind>): string {
  const names = new Names(kinds);
  const active = activeVariables(program);
  const body = returnsAtEnds(withFinalReturn(program));
  const g = new Second(names, active, kinds);
  const actives = [...kinds.keys()].filter((n) => active.has(n));
  const head = inputs.flatMap((name, i) => {
    const js = names.js(name);
    return kinds.get(name) === 'vector'
      ? [`${js} = ${inputBinding(program, name, 'vector', i)};`, `${g.tan(name)} = T.slice(off[${i}] * W, (off[${i}] + len[${i}]) * W);`]
      : [`${js} = x[off[${i}]];`, `${g.tan(name)} = T.slice(off[${i}] * W, off[${i}] * W + W);`];
  });
  const scalarTangents = actives.filter((n) => !inputs.includes(n) && kinds.get(n) !== 'vector').map((n) => `${g.tan(n)} = new Float64Array(W);`);
  const lines = [
    'return function hvp(x, off, len, B, st, W, T, G, H) {',
    'let it = 0, sp = 0, dp = 0, S = st.S, D = st.D;',
    'const O = st.O;',
    'let RES;',
    names.all().length ? `let ${names.all().join(', ')};` : '',
    actives.length ? `let ${actives.map((n) => g.tan(n)).join(', ')};` : '',
    ...head,
    ...scalarTangents,
    '// Forward sweep, with the tangents of the directions.',
    ...g.forward(body, new Set(inputs)),
    `if (RES === undefined) ${BAIL}`,
    'st.pushed = sp;',
    'const W0 = st.seed(RES);',
    '// Adjoint sweep, with the tangents of the adjoints.',
    ...actives.flatMap((n) => {
      const js = names.js(n);
      return kinds.get(n) === 'vector'
        ? [`let ${g.adj(n)} = ${js} === undefined ? undefined : new Float64Array(${js}.length);`, `let ${g.dadj(n)} = ${js} === undefined ? undefined : new Float64Array(${js}.length * W);`]
        : [`let ${g.adj(n)} = 0;`, `let ${g.dadj(n)} = new Float64Array(W);`];
    }),
    ...g.reverse(body),
    ...inputs.flatMap((name, i) =>
      kinds.get(name) === 'vector'
        ? [`G.set(${g.adj(name)}, off[${i}]);`, `H.set(${g.dadj(name)}, off[${i}] * W);`]
        : [`G[off[${i}]] = ${g.adj(name)};`, `H.set(${g.dadj(name)}, off[${i}] * W);`],
    ),
    'st.S = S;',
    'st.D = D;',
    'return RES;',
    '};',
  ];
  return indent(lines.filter((l) => l !== ''));
}

class Second {
  private readonly ids = { n: 0 };

  constructor(
    private readonly names: Names,
    private readonly active: ReadonlySet<string>,
    private readonly kinds: ReadonlyMap<string, Kind>,
  ) {}

  private js(name: string): string {
    return this.names.js(name);
  }

  tan(name: string): string {
    return `d${this.js(name)}`;
  }

  adj(name: string): string {
    return `a${this.js(name)}`;
  }

  dadj(name: string): string {
    return `da${this.js(name)}`;
  }

  private lanes(): Lanes {
    return new Lanes(this.ids);
  }

  private checked(defined: ReadonlySet<string>): Flattener {
    return new Flattener(this.names.scope(defined), true, fresh());
  }

  private again(): Flattener {
    return new Flattener(this.names.scope(new Set()), false, fresh());
  }

  // ---- Tangents of values ----

  /** The tangent in lane `l` of a flattened scalar (null: zero), its lines added to `cx`. */
  private tangentOf(n: Arg, cx: Lanes): string | null {
    if (!argActive(n, this.active)) return null;
    const had = cx.memo.get(n);
    if (had !== undefined) return had;
    let t: string | null;
    switch (n.t) {
      case 'var':
        t = `${this.tan(n.name)}[l]`;
        break;
      case 'index':
        t = `${this.tan(n.name)}[${n.slot} * W + l]`;
        break;
      case 'call':
        t = n.args.some((a) => a.t === 'vec')
          ? this.naryTangent(n, cx)
          : tangentSum(cx, n.p, n.args.map((a) => this.dual(a, cx)), n.val);
        break;
      default:
        t = null;
    }
    cx.memo.set(n, t);
    return t;
  }

  private dual(a: Arg, cx: Lanes): Dual {
    return { v: a.val, t: this.tangentOf(a, cx) };
  }

  private winner(n: Extract<Scalar, { t: 'call' }>, cx: Lanes): string {
    let w = cx.winners.get(n);
    if (!w) {
      w = `hw${cx.id()}`;
      cx.pre.push(`const ${w} = R.winner(${n.args[0].val}, ${n.p.name === 'max'});`);
      cx.winners.set(n, w);
    }
    return w;
  }

  /** Which of the n-ary forms over whole vectors the lanes cover: sum, max/min of one vector and
   *  dot of two inline, any other op at run time where its scalar arguments carry no tangent; an
   *  active scalar beside a whole vector is refused (the interpreter takes it). */
  private naryForm(n: Extract<Scalar, { t: 'call' }>, cx: Lanes): 'sum' | 'extremum' | 'dot' | 'generic' {
    const { p, args } = n;
    if (p.name === 'sum') return 'sum';
    if ((p.name === 'max' || p.name === 'min') && args.length === 1 && args[0].t === 'vec') return 'extremum';
    if (p.name === 'dot' && args.length === 2 && args[0].t === 'vec' && args[1].t === 'vec') {
      if (!cx.checked.has(n)) {
        cx.pre.push(`if (${args[0].val}.length !== ${args[1].val}.length) throw ${UNEQUAL};`);
        cx.checked.add(n);
      }
      return 'dot';
    }
    if (args.every((a) => a.t === 'vec' || a.t === 'var' || a.t === 'index' || !argActive(a, this.active))) return 'generic';
    throw new Refused(`second derivatives of ${p.name} over a whole vector and an active scalar expression are not compiled`);
  }

  /** The run-time lanes of a generic n-ary node, computed once per statement. */
  private generic(n: Extract<Scalar, { t: 'call' }>, cx: Lanes): string {
    let h = cx.winners.get(n);
    if (!h) {
      h = `hL${cx.id()}`;
      // A variable's lanes are its tangent array; an element's, that array's W entries at its slot.
      const tparts = n.args.map((a) => {
        if (!argActive(a, this.active)) return 'null';
        if (a.t === 'vec' || a.t === 'var') return this.tan(a.name);
        if (a.t === 'index') return `${this.tan(a.name)}.subarray(${a.slot} * W, ${a.slot} * W + W)`;
        return 'null';
      });
      cx.readsLanes = true;
      cx.pre.push(`const ${h} = st.L(${JSON.stringify(n.p.name)}, [${n.args.map((a) => a.val).join(', ')}], [${tparts.join(', ')}], W, ${n.val});`);
      cx.winners.set(n, h);
    }
    return h;
  }

  private vecLane(v: Vec, k: string): string {
    return `${this.tan(v.name)}[${k} * W + l]`;
  }

  private naryTangent(n: Extract<Scalar, { t: 'call' }>, cx: Lanes): string | null {
    const form = this.naryForm(n, cx);
    if (form === 'extremum') return this.vecLane(n.args[0] as Vec, this.winner(n, cx));
    if (form === 'generic') return `${this.generic(n, cx)}.T[l]`;
    const u = `hu${cx.id()}`;
    const lines = [`let ${u} = 0;`];
    if (form === 'sum') {
      for (const a of n.args) {
        if (a.t === 'vec') {
          if (this.active.has(a.name)) lines.push(`for (let k = 0; k < ${a.val}.length; k++) ${u} += ${this.vecLane(a, 'k')};`);
        } else {
          const t = this.tangentOf(a, cx);
          if (t !== null) lines.push(`${u} += ${t};`);
        }
      }
    } else {
      // The rule's order: the partials by the first half (b), then by the second (a).
      const [a, b] = n.args as Vec[];
      if (this.active.has(a.name)) lines.push(`for (let k = 0; k < ${a.val}.length; k++) ${u} += ${b.val}[k] * ${this.vecLane(a, 'k')};`);
      if (this.active.has(b.name)) lines.push(`for (let k = 0; k < ${b.val}.length; k++) ${u} += ${a.val}[k] * ${this.vecLane(b, 'k')};`);
    }
    cx.lane.push(...lines);
    return u;
  }

  // ---- Adjoints with lanes ----

  /** Adds g·∂node/∂leaf, a dual, to every active leaf's adjoint and its lanes. */
  private propagate(n: Scalar, g: Dual, cx: Lanes): void {
    switch (n.t) {
      case 'const':
        return;
      case 'var':
        if (!this.active.has(n.name)) return;
        cx.pre.push(`${this.adj(n.name)} += ${g.v};`);
        if (g.t !== null) cx.lane.push(`${this.dadj(n.name)}[l] += ${g.t};`);
        return;
      case 'index':
        if (!this.active.has(n.name)) return;
        cx.pre.push(`${this.adj(n.name)}[${n.slot}] += ${g.v};`);
        if (g.t !== null) cx.lane.push(`${this.dadj(n.name)}[${n.slot} * W + l] += ${g.t};`);
        return;
      case 'call': {
        if (n.args.some((a) => a.t === 'vec')) return this.naryAdjoint(n, g, cx);
        const D = dualAlgebra(cx);
        const duals = n.args.map((a) => this.dual(a, cx));
        const out: Dual = { v: n.val, t: this.tangentOf(n, cx) };
        n.args.forEach((a, i) => {
          if (!argActive(a, this.active)) return;
          const partial = partialOf(n.p, i)(D, duals, out, i);
          this.propagate(a as Scalar, D.mul(g, partial), cx);
        });
        return;
      }
    }
  }

  private naryAdjoint(n: Extract<Scalar, { t: 'call' }>, g: Dual, cx: Lanes): void {
    const form = this.naryForm(n, cx);
    const vecAdd = (v: Vec, value: (k: string) => string, lane: (k: string) => string | null) => {
      if (!this.active.has(v.name)) return;
      cx.pre.push(`for (let k = 0; k < ${v.val}.length; k++) ${this.adj(v.name)}[k] += ${value('k')};`);
      const t = lane('k');
      if (t !== null) cx.lane.push(`for (let k = 0; k < ${v.val}.length; k++) ${this.dadj(v.name)}[k * W + l] += ${t};`);
    };
    if (form === 'sum') {
      for (const a of n.args) {
        if (a.t === 'vec') vecAdd(a, () => g.v, () => g.t);
        else this.propagate(a, g, cx);
      }
      return;
    }
    if (form === 'extremum') {
      const v = n.args[0] as Vec;
      if (!this.active.has(v.name)) return;
      const w = this.winner(n, cx);
      cx.pre.push(`${this.adj(v.name)}[${w}] += ${g.v};`);
      if (g.t !== null) cx.lane.push(`${this.dadj(v.name)}[${w} * W + l] += ${g.t};`);
      return;
    }
    if (form === 'generic') {
      const h = this.generic(n, cx);
      let offset = '0';
      for (const a of n.args) {
        if (a.t === 'vec') {
          const o = offset;
          vecAdd(a, (k) => `${g.v} * ${h}.D[${o} + ${k}]`, (k) => [g.t === null ? null : `${h}.D[${o} + ${k}] * ${g.t}`, `${g.v} * ${h}.DT[(${o} + ${k}) * W + l]`].filter((t) => t !== null).join(' + '));
          offset = `${offset} + ${a.val}.length`;
        } else {
          if (argActive(a, this.active)) {
            const v = cx.val(`${g.v} * ${h}.D[${offset}]`);
            const t = cx.tan([g.t === null ? null : `${h}.D[${offset}] * ${g.t}`, `${g.v} * ${h}.DT[(${offset}) * W + l]`].filter((x) => x !== null).join(' + '));
            this.propagate(a, { v, t }, cx);
          }
          offset = `${offset} + 1`;
        }
      }
      return;
    }
    // dot(a, b): ∂/∂aₖ = bₖ, whose tangent is b's lane; g times it as a dual product.
    const [a, b] = n.args as Vec[];
    const term = (other: Vec) => (k: string) => {
      const parts = [g.t === null ? null : `${other.val}[${k}] * ${g.t}`, this.active.has(other.name) ? `${g.v} * ${this.vecLane(other, k)}` : null].filter((s) => s !== null);
      return parts.length ? parts.join(' + ') : null;
    };
    vecAdd(a, (k) => `${g.v} * ${b.val}[${k}]`, term(b));
    vecAdd(b, (k) => `${g.v} * ${a.val}[${k}]`, term(a));
  }

  // ---- The forward sweep ----

  forward(body: readonly Stmt[], defined: Set<string>): string[] {
    return body.flatMap((s) => this.fwd(s, defined));
  }

  /** Lines writing a value's tangent lanes into `target(l)`, after saving what it overwrites. */
  private tangentInto(n: Scalar, target: (l: string) => string, cx: Lanes): string[] {
    const t = this.tangentOf(n, cx);
    return [...cx.pre, GROW, ...cx.loop([`D[dp + l] = ${target('l')};`], [`${target('l')} = ${t ?? '0'};`]), 'dp += W;'];
  }

  private fwd(s: Stmt, defined: Set<string>): string[] {
    switch (s.kind) {
      case 'assign': {
        const js = this.js(s.name);
        const on = this.active.has(s.name);
        const d = this.tan(s.name);
        const f = this.checked(defined);
        const n = f.node(s.value);
        defined.add(s.name);
        if (n.t === 'vec') {
          const lanes = on ? [`O.push(${d});`, `${d} = ${this.active.has(n.name) ? `${this.tan(n.name)}.slice()` : `new Float64Array(${n.val}.length * W)`};`] : [];
          return ['{', ...f.lines, `O.push(${js});`, ...lanes, `${js} = ${n.val}.slice();`, '}'];
        }
        if (n.t === 'lit') {
          n.items.forEach((i) => f.checkNaN(i));
          const lines: string[] = [];
          if (on) {
            const cx = this.lanes();
            const ts = n.items.map((item) => this.tangentOf(item, cx));
            lines.push(...cx.pre, `const dn = new Float64Array(${n.items.length} * W);`);
            lines.push(...cx.loop([], ts.flatMap((t, k) => (t === null ? [] : [`dn[${k} * W + l] = ${t};`]))), `O.push(${d});`, `${d} = dn;`);
          }
          return ['{', ...f.lines, `O.push(${js});`, ...lines, `${js} = Float64Array.of(${n.items.map((i) => i.val).join(', ')});`, '}'];
        }
        f.checkNaN(n);
        const lanes = on ? this.tangentInto(n, (l) => `${d}[${l}]`, this.lanes()) : [];
        return ['{', ...f.lines, ...lanes, push(js), `${js} = ${n.val};`, '}'];
      }
      case 'assignIndex': {
        const js = this.js(s.name);
        const f = this.checked(defined);
        const target = f.node({ kind: 'index', name: s.name, index: s.index, span: s.span });
        const v = f.scalar(s.value);
        f.checkNaN(v);
        if (target.t !== 'index') return ['{', ...f.lines, '}'];
        const lanes = this.active.has(s.name) ? this.tangentInto(v, (l) => `${this.tan(s.name)}[${target.slot} * W + ${l}]`, this.lanes()) : [];
        return ['{', ...f.lines, ...lanes, push(target.slot), push(`${js}[${target.slot}]`), `${js}[${target.slot}] = ${v.val};`, '}'];
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
        return ['{', 'let c;', ...condLines(s.cond, 'c', scope, true), 'if (c) {', ...then, push('1'), '} else {', ...other, push('0'), '}', '}'];
      }
      case 'for': {
        const js = this.js(s.name);
        const f = this.checked(defined);
        const lo = f.scalar(s.from);
        const hi = f.scalar(s.to);
        f.checkNaN(lo);
        f.checkNaN(hi);
        const inner = () => this.forward(s.body, new Set(defined).add(s.name));
        const head = ['{', ...f.lines, `const lo = ${lo.val}, hi = ${hi.val};`, `if (!Number.isFinite(lo) || !Number.isFinite(hi)) ${BAIL}`, 'let n = 0;'];
        // A counter is piecewise constant: its tangent is zero inside the loop.
        const on = this.active.has(s.name);
        const d = this.tan(s.name);
        const save = on ? pushLanes((l) => `${d}[${l}]`) : [];
        const zero = on ? [`${d}.fill(0);`] : [];
        if (assigns(s.body, s.name)) {
          return [...head, 'for (let i = lo; i <= hi; i++) {', `if (++it > B) ${BAIL}`, 'n++;', push(js), ...save, ...zero, `${js} = i;`, ...inner(), '}', push('n'), '}'];
        }
        return [...head, push(js), ...save, ...countedFor(this.names, s, defined, js, () => [...zero, ...inner()]), '}'];
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

  // ---- The adjoint sweep ----

  reverse(body: readonly Stmt[]): string[] {
    return [...body].reverse().flatMap((s) => this.rev(s));
  }

  private rev(s: Stmt): string[] {
    switch (s.kind) {
      case 'assign': {
        const js = this.js(s.name);
        const on = this.active.has(s.name);
        const d = this.tan(s.name);
        const vector = this.kinds.get(s.name) === 'vector';
        if (vector) {
          const restore = on ? [`${d} = O.pop();`, `${js} = O.pop();`] : [`${js} = O.pop();`];
          if (!on) return restore;
          return ['{', ...restore, ...this.vectorAdjoint(s.name, s.value), '}'];
        }
        const restore = `${js} = ${POP};`;
        if (!on) return [restore];
        const f = this.again();
        const n = f.node(s.value);
        if (n.t === 'lit' || n.t === 'vec') return [restore];
        const a = this.adj(s.name);
        const da = this.dadj(s.name);
        const cx = this.lanes();
        this.propagate(n, { v: 'g', t: 'dg' }, cx);
        return [
          '{',
          restore,
          'dp -= W;',
          ...f.lines,
          `const g = ${a};`,
          `${a} = 0;`,
          ...restored(cx, (l) => `${d}[${l}]`),
          ...['for (let l = 0; l < W; l++) {', ...(cx.readsLanes ? [] : [`${d}[l] = D[dp + l];`]), `const dg = ${da}[l];`, `${da}[l] = 0;`, ...cx.lane, '}'],
          '}',
        ];
      }
      case 'assignIndex': {
        const js = this.js(s.name);
        const restore = ['const old = ' + POP + ';', `const k = ${POP};`, `${js}[k] = old;`];
        if (!this.active.has(s.name)) return ['{', ...restore, '}'];
        const d = this.tan(s.name);
        const a = this.adj(s.name);
        const da = this.dadj(s.name);
        const f = this.again();
        const v = f.scalar(s.value);
        const cx = this.lanes();
        this.propagate(v, { v: 'g', t: 'dg' }, cx);
        return [
          '{',
          ...restore,
          'dp -= W;',
          ...f.lines,
          `const g = ${a}[k];`,
          `${a}[k] = 0;`,
          ...restored(cx, (l) => `${d}[k * W + ${l}]`),
          ...['for (let l = 0; l < W; l++) {', ...(cx.readsLanes ? [] : [`${d}[k * W + l] = D[dp + l];`]), `const dg = ${da}[k * W + l];`, `${da}[k * W + l] = 0;`, ...cx.lane, '}'],
          '}',
        ];
      }
      case 'while':
        return ['{', `let n = ${POP};`, 'while (n-- > 0) {', ...this.reverse(s.body), '}', '}'];
      case 'if':
        return [`if (${POP}) {`, ...this.reverse(s.then), '} else {', ...this.reverse(s.else ?? []), '}'];
      case 'for': {
        const js = this.js(s.name);
        const on = this.active.has(s.name);
        const d = this.tan(s.name);
        const reset = on ? [`${this.adj(s.name)} = 0;`, `${this.dadj(s.name)}.fill(0);`] : [];
        const restoreLanes = on ? popLanes((l) => `${d}[${l}]`) : [];
        if (assigns(s.body, s.name)) {
          return ['{', `let n = ${POP};`, 'while (n-- > 0) {', ...this.reverse(s.body), ...restoreLanes, `${js} = ${POP};`, ...reset, '}', '}'];
        }
        return [
          '{',
          `const n = ${POP}, lo = ${POP};`,
          'const frac = !Number.isInteger(lo);',
          'for (let k = n - 1; k >= 0; k--) {',
          `${js} = frac ? ${POP} : lo + k;`,
          ...(on ? [`${d}.fill(0);`] : []),
          ...this.reverse(s.body),
          ...reset,
          '}',
          ...restoreLanes,
          `${js} = ${POP};`,
          '}',
        ];
      }
      case 'return': {
        const f = this.again();
        const n = f.node(s.value);
        // A vector output never gets here: the seed refuses it.
        if (n.t === 'vec' || n.t === 'lit') return [];
        const cx = this.lanes();
        this.propagate(n, { v: 'W0', t: null }, cx);
        return ['{', ...f.lines, ...cx.pre, ...cx.loop(), '}'];
      }
      case 'expr':
        return [];
    }
  }

  /** The adjoint of a whole-vector assignment (a copy or a literal), with its lanes. */
  private vectorAdjoint(name: string, value: Expr): string[] {
    const js = this.js(name);
    const a = this.adj(name);
    const da = this.dadj(name);
    const f = this.again();
    const n = f.node(value);
    const lines = [
      `const g = ${a}, dg = ${da};`,
      `${a} = ${js} === undefined ? undefined : new Float64Array(${js}.length);`,
      `${da} = ${js} === undefined ? undefined : new Float64Array(${js}.length * W);`,
    ];
    if (n.t === 'vec' && this.active.has(n.name)) {
      lines.push(`for (let k = 0; k < g.length; k++) ${this.adj(n.name)}[k] += g[k];`, `for (let k = 0; k < dg.length; k++) ${this.dadj(n.name)}[k] += dg[k];`);
    }
    if (n.t !== 'lit') return [...f.lines, ...lines];
    const cx = this.lanes();
    n.items.forEach((item, k) => this.propagate(item, { v: cx.val(`g[${k}]`), t: cx.tan(`dg[${k} * W + l]`) }, cx));
    return [...f.lines, ...lines, ...cx.pre, ...cx.loop()];
  }
}
