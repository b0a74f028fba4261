// Expressions as a domain: the interpreter run on symbols builds an interned expression DAG
// (equal subexpressions are one object), folding only what is trivially exact as it goes.
import * as ast from '../ast';
import type { CompareOp, Expr } from '../ast';
import { UnsupportedError } from '../errors';
import { algebraOf, type Domain, type Site } from '../interpret/domain';
import { CONSTANT_NAMES, OPERATOR_NAMES, primitive, type Algebra, type Primitive } from '../primitives';

/** Interns expressions: building the same operation on the same operands returns one object. */
export class Builder {
  private readonly table = new Map<string, Expr>();
  private readonly ids = new Map<Expr, number>();

  id(e: Expr): number {
    let id = this.ids.get(e);
    if (id === undefined) {
      // A foreign node (from the parser, the simplifier): intern it structurally first.
      const own = this.adopt(e);
      id = this.ids.get(own)!;
      this.ids.set(e, id);
    }
    return id;
  }

  private intern(key: string, make: () => Expr): Expr {
    let e = this.table.get(key);
    if (!e) {
      e = make();
      this.table.set(key, e);
      this.ids.set(e, this.ids.size);
    }
    return e;
  }

  num(v: number): Expr {
    return this.intern(`n${Object.is(v, -0) ? '-0' : v}`, () => ast.num(v));
  }

  leaf(e: Extract<Expr, { kind: 'variable' | 'constant' | 'index' }>): Expr {
    const key = e.kind === 'index' ? `i${e.name}[${(e.index as { value: number }).value}]` : `${e.kind[0]}${e.name}`;
    return this.intern(key, () => (e.kind === 'index' ? ast.index(e.name, this.num((e.index as { value: number }).value)) : e.kind === 'variable' ? ast.variable(e.name) : ast.constant(e.name)));
  }

  call(op: string, args: readonly Expr[]): Expr {
    return this.intern(`c${op}(${args.map((a) => this.id(a)).join(',')})`, () => ast.call(op, args));
  }

  /** Interns a tree built elsewhere, bottom up without recursion. */
  adopt(root: Expr): Expr {
    return this.adoptAll([root])[0];
  }

  /** Interns several trees that may share nodes, each shared node once: O(DAG) for them all. */
  adoptAll(roots: readonly Expr[]): Expr[] {
    const done = new Map<Expr, Expr>();
    return roots.map((root) => this.adoptInto(root, done));
  }

  private adoptInto(root: Expr, done: Map<Expr, Expr>): Expr {
    const stack: [Expr, boolean][] = [[root, false]];
    while (stack.length) {
      const [e, expanded] = stack.pop()!;
      if (done.has(e)) continue;
      if (e.kind !== 'call') {
        done.set(e, e.kind === 'number' ? this.num(e.value) : e.kind === 'vector' || e.kind === 'length' ? e : this.leaf(e as never));
        continue;
      }
      if (!expanded) {
        stack.push([e, true]);
        for (const a of e.args) if (!done.has(a)) stack.push([a, false]);
        continue;
      }
      done.set(e, this.call(e.op, e.args.map((a) => done.get(a)!)));
    }
    return done.get(root)!;
  }
}

const isNum = (e: Expr, v?: number): e is Extract<Expr, { kind: 'number' }> => e.kind === 'number' && (v === undefined || e.value === v);

/** Folds numbers only when the float result is exact (integers stay integers): the operators'
 *  arithmetic, whose safe-integer results from safe integers are exact. */
function exactFold(op: string, xs: readonly number[]): number | null {
  const exactInt = (v: number) => Number.isSafeInteger(v);
  if (!xs.every(exactInt) || !OPERATOR_NAMES.has(op)) return null;
  const v = primitive(op).fn(...xs);
  return exactInt(v) && (op !== 'divide' || v * xs[1] === xs[0]) ? v : null;
}

/** The symbolic domain: values are interned expressions; arithmetic identities that never
 *  change a value (x + 0, 1·x, x^1) are applied as the expression is built. */
export class SymbolicDomain implements Domain<Expr> {
  readonly name = 'symbolic';
  /** Outcomes to take at input-dependent `if` branches, in order; see `Fork`. */
  decisions: readonly boolean[] = [];
  /** The comparisons decided on this run, with the outcome taken. */
  readonly path: { op: CompareOp; a: Expr; b: Expr; holds: boolean; site: Site }[] = [];

  constructor(readonly builder: Builder = new Builder()) {}

  constant(value: number): Expr {
    return this.builder.num(value);
  }

  /** The float value of an expression that reads no input (sqrt(length(A)) is a number once the
   *  shape is known), so that a loop bound, an index or a comparison built from it is followed. */
  primal(x: Expr, site?: Site): number {
    const v = valueOf(x, this.values);
    if (v === null) throw cannotFollow(site);
    return v;
  }

  private readonly values = new Map<Expr, number | null>();

  peek(x: Expr): number {
    return x.kind === 'number' ? x.value : 0;
  }

  compare(op: CompareOp, a: Expr, b: Expr, site: Site): boolean {
    if (valueOf(a, this.values) !== null && valueOf(b, this.values) !== null) {
      const [x, y] = [this.primal(a), this.primal(b)];
      return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : op === '>=' ? x >= y : op === '==' ? x === y : x !== y;
    }
    if (site.kind !== 'if') throw cannotFollow(site);
    if (this.path.length >= this.decisions.length) throw new Fork();
    const holds = this.decisions[this.path.length];
    this.path.push({ op, a, b, holds, site });
    return holds;
  }

  apply(op: Primitive, args: readonly Expr[]): Expr {
    const B = this.builder;
    const [a, b] = args;
    if (CONSTANT_NAMES.has(op.name)) return B.leaf(ast.constant(op.name as ast.ConstantName) as never);
    switch (op.name) {
      case 'add':
        if (isNum(a, 0)) return b;
        if (isNum(b, 0)) return a;
        break;
      case 'subtract':
        if (isNum(b, 0)) return a;
        if (isNum(a, 0)) return this.apply(primitive('unaryMinus'), [b]);
        break;
      case 'multiply':
        if (isNum(a, 0) || isNum(b, 0)) return B.num(0);
        if (isNum(a, 1)) return b;
        if (isNum(b, 1)) return a;
        if (isNum(a, -1)) return this.apply(primitive('unaryMinus'), [b]);
        break;
      case 'divide':
        if (isNum(b, 1)) return a;
        break;
      case 'unaryMinus':
        if (a.kind === 'call' && a.op === 'unaryMinus') return a.args[0];
        if (isNum(a)) return B.num(-a.value);
        break;
      case 'pow':
        if (isNum(b, 1)) return a;
        if (isNum(b, 0)) return B.num(1);
        break;
    }
    if (args.every((x) => isNum(x))) {
      const v = exactFold(op.name, args.map((x) => (x as { value: number }).value));
      if (v !== null) return B.num(v);
    }
    return B.call(op.name, args);
  }

  algebra(): Algebra<Expr> {
    return algebraOf(this);
  }
}

/** The float value of `root` if it reads no input (numbers, pi, e and calls of them), else null;
 *  `memo` carries values between calls, without recursion. */
function valueOf(root: Expr, memo: Map<Expr, number | null>): number | null {
  const known = memo.get(root);
  if (known !== undefined) return known;
  const stack: [Expr, boolean][] = [[root, false]];
  while (stack.length) {
    const [e, expanded] = stack.pop()!;
    if (memo.has(e)) continue;
    if (e.kind === 'number') memo.set(e, e.value);
    else if (e.kind === 'constant') memo.set(e, primitive(e.name).fn());
    else if (e.kind !== 'call') memo.set(e, null);
    else if (!expanded) {
      stack.push([e, true]);
      for (const a of e.args) if (!memo.has(a)) stack.push([a, false]);
    } else {
      const args = e.args.map((a) => memo.get(a)!);
      memo.set(e, args.every((a) => a !== null) ? primitive(e.op).apply(args as number[]) : null);
    }
  }
  return memo.get(root)!;
}

/** Thrown at an input-dependent `if` with no outcome chosen yet: the caller runs both ways. */
export class Fork extends Error {}

function cannotFollow(site: Site | undefined): UnsupportedError {
  const what: Record<Site['kind'], string> = {
    while: 'a while loop whose condition depends on the input',
    for: 'a for loop whose bounds depend on the input',
    index: 'an index that depends on the input',
    if: 'a branch on the input',
  };
  const construct = site?.kind ?? 'branch';
  return new UnsupportedError(
    `symbolic differentiation cannot follow ${site ? what[site.kind] : 'a decision on the input'}: no single expression describes it (forward, reverse and finite differences can)`,
    site?.span,
    construct,
  );
}
