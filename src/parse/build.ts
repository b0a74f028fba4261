// Postprocessors of the grammar: each turns one rule's matched parts into an AST node.
import * as ast from '../ast';
import type { CompareOp, Cond, Expr, Span, Stmt } from '../ast';
import { ParseError } from '../errors';
import { arityRange, CONSTANT_NAMES, PRIMITIVES } from '../primitives';
import { spanOf, type Token } from './lexer';

type Part = Token | { readonly span: Span } | List<unknown>;

/** An immutable list built back to front, so that appending never copies (lists may be long). */
export interface List<T> {
  readonly head: T;
  readonly tail: List<T> | null;
  readonly span: Span;
}

function isToken(p: Part): p is Token {
  return 'offset' in p;
}

function spanOfPart(p: Part): Span {
  return isToken(p) ? spanOf(p) : p.span;
}

function cover(a: Part, b: Part): Span {
  return ast.join(spanOfPart(a), spanOfPart(b));
}

function toArray<T>(list: List<T> | null): T[] {
  const out: T[] = [];
  for (let l = list; l; l = l.tail) out.push(l.head);
  return out.reverse();
}

/** Function-call syntax on a name that is not a function reads as a product when the name is
 *  a single letter, optionally with digits or an underscore suffix: `x(6 - 2)`, `k1(x + 1)`. */
const PRODUCT_NAME = /^[A-Za-z](?:[0-9]*|_[A-Za-z0-9_]*)$/;

export const none = () => null;
export const first = ([x]: [Expr | Stmt]): List<unknown> => ({ head: x, tail: null, span: x.span });
export const append = ([list, , x]: [List<unknown>, Token, Expr | Stmt]): List<unknown> => ({ head: x, tail: list, span: ast.join(list.span, x.span) });
export const appendComma = append;

export function program([stmts]: [List<Stmt> | null]): ast.Program {
  const body = toArray(stmts);
  return ast.program(body, stmts ? ast.join(body[0].span, stmts.span) : ast.NO_SPAN);
}

export const block = ([, stmts]: [Token, List<Stmt> | null, Token]): Stmt[] => toArray(stmts);

export function assign([name, , value]: [Token, Token, Expr]): Stmt {
  checkAssignable(name);
  return { kind: 'assign', name: name.value, value, span: cover(name, value) };
}

export function assignIndex([name, , idx, , , value]: [Token, Token, Expr, Token, Token, Expr]): Stmt {
  checkAssignable(name);
  return { kind: 'assignIndex', name: name.value, index: idx, value, span: cover(name, value) };
}

export function checkAssignable(name: Token): void {
  if (CONSTANT_NAMES.has(name.value)) {
    throw new ParseError('assign-constant', `cannot assign to '${name.value}': it is a constant`, spanOf(name), name.text);
  }
  if (PRIMITIVES.has(name.value) || name.value === 'length') {
    throw new ParseError('assign-constant', `cannot assign to '${name.value}': it is a function`, spanOf(name), name.text);
  }
}

export const whileStmt = ([kw, cond, body]: [Token, Cond, Stmt[]]): Stmt => ({ kind: 'while', cond, body, span: cover(kw, cond) });
/** One `if cond { … }` of an `if … else if …` chain. */
interface Clause {
  readonly kw: Token;
  readonly cond: Cond;
  readonly then: Stmt[];
}

/** The clauses of a chain: the first, and the `else if` ones after it, last first. */
interface Clauses {
  readonly first: Clause;
  readonly later: List<Clause> | null;
}

export const firstClause = ([kw, cond, then]: [Token, Cond, Stmt[]]): Clauses => ({ first: { kw, cond, then }, later: null });
export const appendClause = ([c, , kw, cond, then]: [Clauses, Token, Token, Cond, Stmt[]]): Clauses => ({
  first: c.first,
  later: { head: { kw, cond, then }, tail: c.later, span: cover(kw, cond) },
});
export const ifChain = ([c]: [Clauses]): Stmt => ifStmt(c, null);
export const ifChainElse = ([c, , otherwise]: [Clauses, Token, Stmt[]]): Stmt => ifStmt(c, otherwise);

function ifStmt({ first, later }: Clauses, otherwise: Stmt[] | null): Stmt {
  const stmt = { kind: 'if' as const, cond: first.cond, then: first.then, else: otherwise, span: cover(first.kw, first.cond) };
  return later ? deferred(stmt, 'else', () => [nestIfs(later, otherwise)]) : stmt;
}

/** `else if b {…} else if c {…} else {…}`: each clause is the `else` of the one before it. */
function nestIfs(later: List<Clause>, otherwise: Stmt[] | null): Stmt {
  let rest = otherwise;
  let stmt: Stmt | undefined;
  for (let l: List<Clause> | null = later; l; l = l.tail) {
    const { kw, cond, then } = l.head;
    stmt = { kind: 'if', cond, then, else: rest, span: cover(kw, cond) };
    rest = [stmt];
  }
  return stmt!;
}

/**
 * Makes `node[key]` computed when first read, then kept as a plain property. nearley runs a
 * rule's postprocessor at every token where the rule could end, so the postprocessor of a chain
 * (`^`, `else if`) must not build the whole chain's tree there, or parsing turns quadratic; the
 * tree is built once, when the finished AST is read (parse.ts's depth check reads every node).
 */
function deferred<N extends object, K extends keyof N>(node: N, key: K, compute: () => N[K]): N {
  const settle = (value: N[K]) => Object.defineProperty(node, key, { value, configurable: true, enumerable: true, writable: true });
  Object.defineProperty(node, key, {
    configurable: true,
    enumerable: true,
    get: () => {
      const value = compute();
      settle(value);
      return value;
    },
  });
  return node;
}

export function forStmt([kw, name, , from, , to, body]: [Token, Token, Token, Expr, Token, Expr, Stmt[]]): Stmt {
  checkAssignable(name);
  return { kind: 'for', name: name.value, from, to, body, span: cover(kw, to) };
}

export const returnStmt = ([kw, value]: [Token, Expr]): Stmt => ({ kind: 'return', value, span: cover(kw, value) });
export const exprStmt = ([value]: [Expr]): Stmt => ({ kind: 'expr', value, span: value.span });

export const logical = ([left, op, right]: [Cond, Token, Cond]): Cond => ast.logical(op.value as 'and' | 'or', left, right, cover(left, right));
export const not = ([kw, arg]: [Token, Cond]): Cond => ast.not(arg, cover(kw, arg));
export const compare = ([left, op, right]: [Expr, Token, Expr]): Cond => ast.compare(op.value as CompareOp, left, right, cover(left, right));

/** The op each operator token spells, read off the rows: binary by symbol, and the prefix ones
 *  (a prefix `+` is no op: +a is a). */
const spelled = (unary: boolean): ReadonlyMap<string, string> =>
  new Map([...PRIMITIVES.values()].filter((p) => p.operator && (p.operator.binding === 'unary') === unary).map((p) => [p.operator!.symbol, p.name]));
const BINARY = spelled(false);
const PREFIX = spelled(true);

export const binary = ([left, op, right]: [Expr, Token, Expr]): Expr => ast.call(BINARY.get(op.value)!, [left, right], cover(left, right));
export function unary([op, arg]: [Token, Expr]): Expr {
  const name = PREFIX.get(op.value);
  return name === undefined ? arg : ast.call(name, [arg], cover(op, arg));
}
/** An exponent of a `^` chain: the signs written before its atom, outermost first, and the atom. */
interface Exponent {
  readonly signs: List<Token> | null;
  readonly atom: Expr;
}

export const unsigned = ([atom]: [Expr]): Exponent => ({ signs: null, atom });
export const signed = ([op, e]: [Token, Exponent]): Exponent => ({ signs: { head: op, tail: e.signs, span: spanOf(op) }, atom: e.atom });
export const firstRaised = ([, e]: [Token, Exponent]): List<Exponent> => ({ head: e, tail: null, span: e.atom.span });
export const appendRaised = ([list, , e]: [List<Exponent>, Token, Exponent]): List<Exponent> => ({ head: e, tail: list, span: e.atom.span });

/** `base ^ s₁a₁ ^ s₂a₂ … ^ sₖaₖ` is base^(s₁(a₁^(s₂(a₂^ … sₖaₖ)))). */
export function power([base, raised]: [Expr, List<Exponent>]): Expr {
  const node = { kind: 'call' as const, op: 'pow', args: [] as readonly Expr[], span: cover(base, raised.head.atom) };
  return deferred(node, 'args', () => [base, exponentOf(raised)]);
}

/** The exponent of a chain's base, built from the right. */
function exponentOf(raised: List<Exponent>): Expr {
  let exponent: Expr | undefined;
  for (let l: List<Exponent> | null = raised; l; l = l.tail) {
    const { signs, atom } = l.head;
    let e = exponent ? ast.call('pow', [atom, exponent], cover(atom, exponent)) : atom;
    // The signs list starts with the outermost sign, so toArray yields the innermost first.
    for (const op of toArray(signs)) e = unary([op, e]);
    exponent = e;
  }
  return exponent!;
}

export const implicit = ([left, right]: [Expr, Expr]): Expr => ast.call('multiply', [left, right], cover(left, right));
export const paren = ([, inner]: [Token, Expr | Cond, Token]): Expr | Cond => inner;

export function number([t]: [Token]): Expr {
  return ast.num(literal(t, t.value), spanOf(t));
}

export function fraction([t]: [Token]): Expr {
  const [a, b] = t.value.split('/');
  const span = spanOf(t);
  return ast.call('divide', [ast.num(literal(t, a), span), ast.num(literal(t, b), span)], span);
}

function literal(t: Token, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value)) {
    throw new ParseError('syntax', `number ${text} is too large for float64`, spanOf(t), t.text);
  }
  return value;
}

export function vector([open, items, close]: [Token, List<Expr> | null, Token]): Expr {
  return ast.vector(toArray(items), cover(open, close));
}

export function name([t]: [Token]): Expr {
  const span = spanOf(t);
  if (CONSTANT_NAMES.has(t.value)) return ast.constant(t.value as ast.ConstantName, span);
  if (PRIMITIVES.has(t.value) || t.value === 'length') {
    throw new ParseError('syntax', `'${t.value}' is a function: call it as ${t.value}(...)`, span, t.text, ["'('"]);
  }
  return ast.variable(t.value, span);
}

export function index([t, , idx, close]: [Token, Token, Expr, Token]): Expr {
  if (CONSTANT_NAMES.has(t.value)) {
    throw new ParseError('type', `cannot index the constant '${t.value}'`, spanOf(t), t.text);
  }
  return ast.index(t.value, idx, cover(t, close));
}

export function apply([f, , list, close]: [Token, Token, List<Expr>, Token]): Expr {
  const args = toArray(list);
  const span = cover(f, close);
  const fname = f.value;
  if (fname === 'length') {
    expectArity(f, args.length, 1, 1);
    return ast.length(args[0], span);
  }
  const p = PRIMITIVES.get(fname);
  if (p && !CONSTANT_NAMES.has(fname)) {
    const [min, max] = arityRange(p);
    expectArity(f, args.length, min, max);
    return ast.call(fname, args, span);
  }
  if ((CONSTANT_NAMES.has(fname) || PRODUCT_NAME.test(fname)) && args.length === 1) {
    return ast.call('multiply', [name([f]), args[0]], span);
  }
  const hint = args.length === 1 ? `; for a product write '${fname} * (...)'` : '';
  throw new ParseError('unknown-function', `unknown function '${fname}'${hint}`, spanOf(f), f.text);
}

function expectArity(f: Token, n: number, min: number, max: number): void {
  if (n >= min && n <= max) return;
  const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} or ${max}`;
  const plural = min === 1 && max === 1 ? 'argument' : 'arguments';
  throw new ParseError('arity', `'${f.value}' takes ${want} ${plural}, got ${n}`, spanOf(f), f.text);
}
