// The gradlab AST: a readonly discriminated union with source spans, built by small constructors.

/** Where a node stands in its source: offsets are 0-based, line and column 1-based. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
}

export const NO_SPAN: Span = { start: 0, end: 0, line: 0, column: 0 };

export type ConstantName = 'pi' | 'e';

/** Arithmetic expressions. Operators are calls of the primitives `add`, `subtract`, ... */
export type Expr =
  | { readonly kind: 'number'; readonly value: number; readonly span: Span }
  | { readonly kind: 'constant'; readonly name: ConstantName; readonly span: Span }
  | { readonly kind: 'variable'; readonly name: string; readonly span: Span }
  | { readonly kind: 'call'; readonly op: string; readonly args: readonly Expr[]; readonly span: Span }
  | { readonly kind: 'vector'; readonly items: readonly Expr[]; readonly span: Span }
  | { readonly kind: 'index'; readonly name: string; readonly index: Expr; readonly span: Span }
  | { readonly kind: 'length'; readonly arg: Expr; readonly span: Span };

export type CompareOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** Conditions of `if` and `while`: comparisons joined by `and`, `or`, `not`. */
export type Cond =
  | { readonly kind: 'compare'; readonly op: CompareOp; readonly left: Expr; readonly right: Expr; readonly span: Span }
  | { readonly kind: 'logical'; readonly op: 'and' | 'or'; readonly left: Cond; readonly right: Cond; readonly span: Span }
  | { readonly kind: 'not'; readonly arg: Cond; readonly span: Span };

export type Stmt =
  | { readonly kind: 'assign'; readonly name: string; readonly value: Expr; readonly span: Span }
  | { readonly kind: 'assignIndex'; readonly name: string; readonly index: Expr; readonly value: Expr; readonly span: Span }
  | { readonly kind: 'while'; readonly cond: Cond; readonly body: readonly Stmt[]; readonly span: Span }
  | { readonly kind: 'if'; readonly cond: Cond; readonly then: readonly Stmt[]; readonly else: readonly Stmt[] | null; readonly span: Span }
  | { readonly kind: 'for'; readonly name: string; readonly from: Expr; readonly to: Expr; readonly body: readonly Stmt[]; readonly span: Span }
  | { readonly kind: 'return'; readonly value: Expr; readonly span: Span }
  | { readonly kind: 'expr'; readonly value: Expr; readonly span: Span };

export interface Program {
  readonly kind: 'program';
  readonly body: readonly Stmt[];
  readonly span: Span;
}

export type Node = Expr | Cond | Stmt | Program;

/** The `kind`s of each part of the union, for telling a node from other values at run time. */
export const EXPR_KINDS: ReadonlySet<string> = new Set(['number', 'constant', 'variable', 'call', 'vector', 'index', 'length'] satisfies Expr['kind'][]);
export const NODE_KINDS: ReadonlySet<string> = new Set([...EXPR_KINDS, ...(['compare', 'logical', 'not', 'assign', 'assignIndex', 'while', 'if', 'for', 'return', 'expr', 'program'] satisfies Node['kind'][])]);

// Constructors. The span is last and optional so that code building ASTs (the symbolic
// differentiator, tests) need not invent positions.
export const num = (value: number, span = NO_SPAN): Expr => ({ kind: 'number', value, span });
export const constant = (name: ConstantName, span = NO_SPAN): Expr => ({ kind: 'constant', name, span });
export const variable = (name: string, span = NO_SPAN): Expr => ({ kind: 'variable', name, span });
export const call = (op: string, args: readonly Expr[], span = NO_SPAN): Expr => ({ kind: 'call', op, args, span });
export const vector = (items: readonly Expr[], span = NO_SPAN): Expr => ({ kind: 'vector', items, span });
export const index = (name: string, idx: Expr, span = NO_SPAN): Expr => ({ kind: 'index', name, index: idx, span });
export const length = (arg: Expr, span = NO_SPAN): Expr => ({ kind: 'length', arg, span });

export const compare = (op: CompareOp, left: Expr, right: Expr, span = NO_SPAN): Cond => ({ kind: 'compare', op, left, right, span });
export const logical = (op: 'and' | 'or', left: Cond, right: Cond, span = NO_SPAN): Cond => ({ kind: 'logical', op, left, right, span });
export const not = (arg: Cond, span = NO_SPAN): Cond => ({ kind: 'not', arg, span });

export const program = (body: readonly Stmt[], span = NO_SPAN): Program => ({ kind: 'program', body, span });

/** The span from the start of `a` to the end of `b`. */
export function join(a: Span, b: Span): Span {
  return { start: a.start, end: b.end, line: a.line, column: a.column };
}

/** A copy of the tree with every span dropped: two parses of equal meaning compare equal. */
export function stripSpans<N extends Node>(node: N): N {
  return JSON.parse(JSON.stringify(node, (key, value) => (key === 'span' ? undefined : value)));
}
