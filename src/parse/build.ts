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
export const ifStmt = ([kw, cond, then]: [Token, Cond, Stmt[]]): Stmt => ({ kind: 'if', cond, then, else: null, span: cover(kw, cond) });
export const ifElse = ([kw, cond, then, , otherwise]: [Token, Cond, Stmt[], Token, Stmt[]]): Stmt => ({ kind: 'if', cond, then, else: otherwise, span: cover(kw, cond) });
export const ifElseIf = ([kw, cond, then, , next]: [Token, Cond, Stmt[], Token, Stmt]): Stmt => ({ kind: 'if', cond, then, else: [next], span: cover(kw, cond) });

export function forStmt([kw, name, , from, , to, body]: [Token, Token, Token, Expr, Token, Expr, Stmt[]]): Stmt {
  checkAssignable(name);
  return { kind: 'for', name: name.value, from, to, body, span: cover(kw, to) };
}

export const returnStmt = ([kw, value]: [Token, Expr]): Stmt => ({ kind: 'return', value, span: cover(kw, value) });
export const exprStmt = ([value]: [Expr]): Stmt => ({ kind: 'expr', value, span: value.span });

export const logical = ([left, op, right]: [Cond, Token, Cond]): Cond => ast.logical(op.value as 'and' | 'or', left, right, cover(left, right));
export const not = ([kw, arg]: [Token, Cond]): Cond => ast.not(arg, cover(kw, arg));
export const compare = ([left, op, right]: [Expr, Token, Expr]): Cond => ast.compare(op.value as CompareOp, left, right, cover(left, right));

const BINARY: Record<string, string> = { '+': 'add', '-': 'subtract', '*': 'multiply', '/': 'divide', '^': 'pow' };

export const binary = ([left, op, right]: [Expr, Token, Expr]): Expr => ast.call(BINARY[op.value], [left, right], cover(left, right));
export const unary = ([op, arg]: [Token, Expr]): Expr => (op.value === '-' ? ast.call('unaryMinus', [arg], cover(op, arg)) : arg);
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
