// An expression written as JavaScript statements, one constant per call, so that the sweeps can
// reuse every intermediate value: the primal checks what the interpreter checks, and the reverse
// sweep recomputes the same values (same operations, same order) without the checks.
import type { Expr } from '../ast';
import { elementKey } from './hoist';
import { arityRange, PRIMITIVES, type Primitive } from '../primitives';
import type { Kind } from './analyze';
import { callSource, literal, propagatesNaN } from './source';

/** A flattened expression. `val` is JavaScript for its value: a name, a literal or a constant. */
export type Scalar =
  | { readonly t: 'const'; readonly val: string }
  | { readonly t: 'var'; readonly name: string; readonly val: string }
  | { readonly t: 'index'; readonly name: string; readonly slot: string; readonly val: string }
  | { readonly t: 'call'; readonly p: Primitive; readonly args: readonly Arg[]; readonly val: string; readonly list?: string };
/** A whole vector variable: a value, or an argument of an n-ary op (which spreads it). */
export type Vec = { readonly t: 'vec'; readonly name: string; readonly val: string };
export type Arg = Scalar | Vec;
export type Node = Arg | { readonly t: 'lit'; readonly items: readonly Scalar[] };

/** The thrown marker: generated code throws it where the interpreter raises an error, and the
 *  caller reruns the interpreter, which names the error, the call and its position. */
export const BAIL = 'throw BAIL;';

export interface Scope {
  /** The JavaScript name of a gradlab variable. */
  js(name: string): string;
  kind(name: string): Kind | undefined;
  /** Whether the variable surely has a value here (else the code tests for undefined). */
  defined(name: string): boolean;
  /** Whether an enclosing loop has tested this element read in range for all its trips. */
  hoisted?(key: string): boolean;
  /** Whether the variable may hold a NaN no test has seen (see nan.ts): its reads at tested
   *  points are tested. */
  dirty?(name: string): boolean;
  /** Whether this element read adds its finiteness test to IC (see cover.ts). */
  covered?(key: string): boolean;
}

export class Flattener {
  readonly lines: string[] = [];
  private count = 0;
  private readonly elements = new Map<string, Scalar>();
  /** Constants holding a call that costs more than a stack entry (a Math or row function, a
   *  reduction over a vector): the reverse sweep saves these rather than recompute them. */
  readonly costly = new Set<string>();

  constructor(
    private readonly scope: Scope,
    /** Checks as the interpreter does (the primal and forward sweeps); off where the values are
     *  known to have passed them (the reverse sweep's recomputation). */
    private readonly checked: boolean,
    readonly prefix: string,
  ) {}

  tmp(): string {
    return `${this.prefix}${this.count++}`;
  }

  private fail(): Scalar {
    if (this.checked) this.lines.push(BAIL);
    return { t: 'const', val: '0' };
  }

  /** Throws BAIL when a value that an op could have made NaN is NaN: a call's, or a variable's
   *  that an untested assignment may have set. */
  checkNaN(n: Arg): void {
    if (this.checked && (n.t === 'call' || (n.t === 'var' && this.scope.dirty?.(n.name)))) this.lines.push(`if (${n.val} !== ${n.val}) ${BAIL}`);
  }

  /** `checkNaN` of a value: each item of a literal vector, or the value itself. */
  checkValue(n: Node): void {
    if (n.t === 'lit') n.items.forEach((i) => this.checkNaN(i));
    else this.checkNaN(n);
  }

  /** A statement of one expression (kept for its checks): its lines, as a block. */
  statement(e: Expr): string[] {
    this.checkValue(this.node(e));
    return ['{', ...this.lines, '}'];
  }

  /** The value of `e`, checked, as JavaScript (a literal vector as a Float64Array); its lines are
   *  in `lines` before it. */
  result(e: Expr): string {
    const n = this.node(e);
    this.checkValue(n);
    return n.t === 'lit' ? `Float64Array.of(${n.items.map((i) => i.val).join(', ')})` : n.val;
  }

  private read(name: string): string {
    const js = this.scope.js(name);
    if (this.checked && !this.scope.defined(name)) this.lines.push(`if (${js} === undefined) ${BAIL}`);
    return js;
  }

  /** A scalar-valued expression (a vector where a number is needed fails as in the interpreter). */
  scalar(e: Expr): Scalar {
    const n = this.node(e);
    return n.t === 'vec' || n.t === 'lit' ? this.fail() : n;
  }

  node(e: Expr): Node {
    switch (e.kind) {
      case 'number':
        return { t: 'const', val: literal(e.value) };
      case 'constant':
        return { t: 'const', val: literal(PRIMITIVES.get(e.name)!.fn()) };
      case 'variable': {
        const k = this.scope.kind(e.name);
        if (k === undefined) return this.fail();
        const val = this.read(e.name);
        return k === 'vector' ? { t: 'vec', name: e.name, val } : { t: 'var', name: e.name, val };
      }
      case 'index': {
        if (this.scope.kind(e.name) !== 'vector') return this.fail();
        // The same element read twice in one expression is one read: nothing in between writes.
        const key = elementKey(e.name, e.index);
        const seen = this.elements.get(key);
        if (seen) return seen;
        const v = this.read(e.name);
        const i = this.scalar(e.index);
        const slot = this.tmp();
        this.lines.push(`const ${slot} = ${i.val} - 1;`);
        // k >>> 0 === k: an integer in [0, 2³²); with k < length, a valid 1-based index.
        if (this.checked && !this.scope.hoisted?.(key)) this.lines.push(`if (!(${slot} >>> 0 === ${slot} && ${slot} < ${v}.length)) ${BAIL}`);
        const val = this.tmp();
        this.lines.push(`const ${val} = ${v}[${slot}];`);
        if (this.checked && this.scope.covered?.(key)) this.lines.push(`IC += ${val};`);
        const n: Scalar = { t: 'index', name: e.name, slot, val };
        this.elements.set(key, n);
        return n;
      }
      case 'length': {
        const n = this.node(e.arg);
        if (n.t === 'vec') return { t: 'const', val: `${n.val}.length` };
        if (n.t === 'lit') return { t: 'const', val: String(n.items.length) };
        return this.fail();
      }
      case 'vector':
        return { t: 'lit', items: e.items.map((item) => this.scalar(item)) };
      case 'call':
        return this.call(PRIMITIVES.get(e.op)!, e.args);
    }
  }

  private call(p: Primitive, exprs: readonly Expr[]): Scalar {
    const [min, max] = arityRange(p);
    const args: Arg[] = [];
    for (const a of exprs) {
      const n = this.node(a);
      if (n.t === 'lit') args.push(...n.items);
      else if (n.t === 'vec' && max !== Infinity) return this.fail();
      else args.push(n);
    }
    const vectors = args.filter((a): a is Vec => a.t === 'vec');
    const scalars = args.length - vectors.length;
    if (vectors.length === 0 && scalars < min) return this.fail();
    if (!propagatesNaN(p, args.map((a) => a.val))) args.forEach((a) => this.checkNaN(a));
    const val = this.tmp();
    if (vectors.length === 0 && args.length > MANY) {
      // Many arguments: one array and the row's array form, neither a 10⁵-term expression nor
      // a call of 10⁵ arguments (both overflow the stack).
      const list = this.tmp();
      this.lines.push(`const ${list} = [${args.map((a) => a.val).join(', ')}];`, `const ${val} = R.apply(${JSON.stringify(p.name)}, ${list});`);
      this.costly.add(val);
      return { t: 'call', p, args, val, list };
    }
    if (vectors.length === 0) {
      const text = callSource(p, args.map((a) => a.val));
      if (costly(p, text)) this.costly.add(val);
      this.lines.push(`const ${val} = ${text};`);
      return { t: 'call', p, args, val };
    }
    this.costly.add(val);
    if (scalars < min && this.checked) {
      this.lines.push(`if (${scalars} + ${vectors.map((v) => `${v.val}.length`).join(' + ')} < ${min}) ${BAIL}`);
    }
    this.lines.push(`const ${val} = ${this.naryOverVectors(p, args)};`);
    return { t: 'call', p, args, val };
  }

  /** An n-ary op whose arguments include whole vectors (spread, as the interpreter spreads them). */
  private naryOverVectors(p: Primitive, args: readonly Arg[]): string {
    if (p.name === 'sum') return `R.sum([${args.map((a) => a.val).join(', ')}])`;
    if ((p.name === 'max' || p.name === 'min') && args.length === 1 && args[0].t === 'vec') return `R.${p.name}(${args[0].val})`;
    if (p.name === 'dot' && args.length === 2 && args[0].t === 'vec' && args[1].t === 'vec') return `R.dot(${args[0].val}, ${args[1].val})`;
    return `R.apply(${JSON.stringify(p.name)}, R.cat([${args.map((a) => a.val).join(', ')}]))`;
  }
}

/** Beyond this many scalar arguments a call takes its arguments as one array. */
export const MANY = 32;

/** Calls cheaper to redo than to save and restore: inline arithmetic and a few one-instruction builtins. */
const CHEAP = new Set(['abs', 'sign', 'floor', 'ceil', 'round', 'trunc', 'max', 'min']);
function costly(p: Primitive, text: string): boolean {
  return !CHEAP.has(p.name) && /^(Math|F)\./.test(text);
}

/** A many-argument call's active variables and the positions each fills, when every argument is
 *  a variable or a constant (undefined otherwise). */
export function leafGroups(args: readonly Arg[], active: ReadonlySet<string>): Map<string, number[]> | undefined {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.t === 'const') continue;
    if (a.t !== 'var') return undefined;
    if (!active.has(a.name)) continue;
    const at = groups.get(a.name);
    if (at) at.push(i);
    else groups.set(a.name, [i]);
  }
  return groups;
}

/** Whether a flattened argument carries a derivative: it reads an active variable somewhere. */
export function argActive(n: Arg, active: ReadonlySet<string>): boolean {
  switch (n.t) {
    case 'const':
      return false;
    case 'var':
    case 'index':
    case 'vec':
      return active.has(n.name);
    case 'call':
      return n.args.some((a) => argActive(a, active));
  }
}
