// The translator's state: where statements go, the scope, the enclosing loops and function, fresh
// names and flags. break, continue and a helper's early return become flags and guards over the
// existing AST, so every back end runs translated functions unchanged.
import type { AnyNode } from 'acorn';
import * as ast from '../ast';
import type { Cond, Expr, Span, Stmt } from '../ast';
import { UnsupportedError } from '../errors';
import { PRIMITIVES } from '../primitives';
import { spanOf } from './source';
import { Scope, type Binding, type Type } from './scope';

/** A translated expression: its gradlab form, what it is, and its length where known. */
export interface Value {
  readonly e: Expr;
  readonly t: Type;
  readonly length?: number | null;
  /** The binding it reads, for an argument passed by name (arrays are shared, as in JS). */
  readonly binding?: Binding;
}

export interface Loop {
  brk?: string;
  cont?: string;
}

export interface FnContext {
  readonly main: boolean;
  readonly name: string;
  /** For an inlined helper: the variable its return value lands in, and its early-return flag. */
  result?: string;
  resultType?: Type;
  done?: string;
  /** The helper's final `return`, which needs no flag. */
  readonly tail?: AnyNode;
  returned?: boolean;
}

export type Constants = Readonly<Record<string, number | readonly number[]>>;

/** Iterations unrolled while translating (loops with constant bounds that push), all loops together. */
export const MAX_UNROLLED = 10_000;

const RESERVED = ['pi', 'e', 'if', 'else', 'while', 'for', 'return', 'and', 'or', 'not'];

export class Translator {
  out: Stmt[] = [];
  scope: Scope;
  /** Depth of loops and branches: an array's known length holds only at its own depth. */
  level = 0;
  /** Loop bodies being translated, inlined calls included: a `let` there is declared anew each trip. */
  repeats = 0;
  loops: Loop[] = [];
  fn: FnContext;
  unrolled = 0;
  readonly inlining = new Set<AnyNode>();
  private readonly taken = new Set<string>([...PRIMITIVES.keys(), ...RESERVED]);

  constructor(
    readonly shift: number,
    readonly constants: Constants,
    root: Scope,
    name: string,
  ) {
    this.scope = root;
    this.fn = { main: true, name };
  }

  span(node: AnyNode): Span {
    return spanOf(node, this.shift);
  }

  /** Refuses a construct outside the subset, naming it and where it stands. */
  refuse(node: AnyNode, construct: string, hint?: string): never {
    const message = `${construct} is not in the JavaScript subset gradlab translates${hint ? `; ${hint}` : ''}`;
    throw new UnsupportedError(message, this.span(node), construct);
  }

  reserve(name: string): void {
    this.taken.add(name);
  }

  /** A gradlab name no other binding uses: `x`, else `x_2`, `x_3`, … */
  fresh(base: string): string {
    let name = base;
    for (let k = 2; this.taken.has(name); k++) name = `${base}_${k}`;
    this.taken.add(name);
    return name;
  }

  emit(s: Stmt): void {
    this.out.push(s);
  }

  /** Runs `f` with statements collected into a list of their own. */
  collect<T>(f: () => T): [Stmt[], T] {
    const saved = this.out;
    const list: Stmt[] = [];
    this.out = list;
    try {
      return [list, f()];
    } finally {
      this.out = saved;
    }
  }

  within<T>(scope: Scope, f: () => T): T {
    const saved = this.scope;
    this.scope = scope;
    try {
      return f();
    } finally {
      this.scope = saved;
    }
  }

  /** Runs `f` one level deeper: inside a branch or a loop body. */
  deeper<T>(f: () => T): T {
    this.level++;
    try {
      return f();
    } finally {
      this.level--;
    }
  }

  /** Runs `f` as a loop body: one level deeper, and run again on each trip. */
  repeated<T>(f: () => T): T {
    this.repeats++;
    try {
      return this.deeper(f);
    } finally {
      this.repeats--;
    }
  }

  bindingOf(name: string, type: Type, kind: Binding['kind'], scope: Scope = this.scope, jsName = name): Binding {
    const b: Binding = { name: this.fresh(name), type, kind, level: this.level, length: null };
    scope.vars.set(jsName, b);
    return b;
  }

  /** A fresh variable holding `v`, for a value read more than once. */
  spill(v: Value, base: string, span: Span): Value {
    if (v.e.kind === 'variable' || v.e.kind === 'number' || v.e.kind === 'constant') return v;
    const name = this.fresh(base);
    this.emit(assignStmt(name, v.e, span));
    return { e: ast.variable(name, span), t: v.t, length: v.length };
  }

  /** An if/else whose condition is already a Cond; a boolean value is 1 or 0. */
  materialize(c: Cond, span: Span): Value {
    const name = this.fresh('b');
    this.emit({ kind: 'if', cond: c, then: [assignStmt(name, ast.num(1, span), span)], else: [assignStmt(name, ast.num(0, span), span)], span });
    return { e: ast.variable(name, span), t: 'boolean' };
  }
}

export const assignStmt = (name: string, value: Expr, span: Span): Stmt => ({ kind: 'assign', name, value, span });

/** Every flag down: the guard around what follows a statement that may break, continue or return. */
export function allClear(flags: Iterable<string>, span: Span): Cond {
  let c: Cond | null = null;
  for (const f of flags) {
    const one = ast.compare('==', ast.variable(f, span), ast.num(0, span), span);
    c = c ? ast.logical('and', c, one, span) : one;
  }
  return c ?? ast.compare('==', ast.num(1, span), ast.num(1, span), span);
}

export function mergeTypes(a: Type, b: Type): Type | null {
  if (a === b || b === 'unknown') return a;
  if (a === 'unknown') return b;
  return null;
}
