// fast-check generators of trees in the image of the parser: only what `parse` can return
// (non-negative literals, unary minus as a call, calls with the table's arity, no spans).
import fc from 'fast-check';
import * as ast from '../../src/ast';
import type { CompareOp, Cond, Expr, Program, Stmt } from '../../src/ast';
import { arityRange, CONSTANT_NAMES, PRIMITIVES } from '../../src/primitives';

/** Names a program may use; `e1` is among them because `2e1` would read back as the literal 20. */
const NAMES = ['x', 'y', 'z', 'w', 'b1', 'k_2', 'e1', 'rate'] as const;

/** Every op that can appear as a call: the whole table except the constants. */
const CALLABLE = [...PRIMITIVES.keys()].filter((name) => !CONSTANT_NAMES.has(name));

/** Literals as the lexer reads them: never negative, never -0. */
const literal: fc.Arbitrary<number> = fc.oneof(
  fc.nat({ max: 12 }),
  fc.double({ min: 0, max: 100, noNaN: true }).map(Math.abs),
  fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }).map(Math.abs),
);

export interface ExprShape {
  /** Ops to call, with the arity the table gives them. */
  readonly ops: readonly string[];
  readonly names: readonly string[];
  readonly numbers: fc.Arbitrary<number>;
  /** Whether vectors, indexing and `length` appear. */
  readonly vectors: boolean;
  readonly maxDepth: number;
}

const FULL: ExprShape = { ops: CALLABLE, names: NAMES, numbers: literal, vectors: true, maxDepth: 4 };

/** At most this many arguments for an n-ary op such as `sum`. */
const MAX_VARIADIC = 3;

export function exprArb(shape: Partial<ExprShape> = {}): fc.Arbitrary<Expr> {
  const { ops, names, numbers, vectors, maxDepth } = { ...FULL, ...shape };
  const name = fc.constantFrom(...names);
  const leaf = fc.oneof(
    numbers.map((v) => ast.num(v)),
    name.map((n) => ast.variable(n)),
    fc.constantFrom(...CONSTANT_NAMES).map((c) => ast.constant(c as ast.ConstantName)),
  );
  const { expr } = fc.letrec<{ expr: Expr }>((tie) => {
    const sub = tie('expr');
    const call = fc.constantFrom(...ops).chain((op) => {
      const [min, max] = arityRange(PRIMITIVES.get(op)!);
      return fc.array(sub, { minLength: min, maxLength: Math.min(max, min + MAX_VARIADIC - 1) }).map((args) => ast.call(op, args));
    });
    const vectorish = [
      fc.array(sub, { maxLength: 3 }).map((items) => ast.vector(items)),
      fc.tuple(name, sub).map(([n, i]) => ast.index(n, i)),
      sub.map((arg) => ast.length(arg)),
    ];
    const compound = vectors ? [call, call, call, ...vectorish] : [call];
    return { expr: fc.oneof({ maxDepth, depthIdentifier: 'expr' }, leaf, ...compound) };
  });
  return expr;
}

const COMPARE_OPS: readonly CompareOp[] = ['<', '<=', '>', '>=', '==', '!='];

function condArb(e: fc.Arbitrary<Expr>): fc.Arbitrary<Cond> {
  const { cond } = fc.letrec<{ cond: Cond }>((tie) => ({
    cond: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'cond' },
      fc.tuple(fc.constantFrom(...COMPARE_OPS), e, e).map(([op, l, r]) => ast.compare(op, l, r)),
      fc.tuple(fc.constantFrom('and' as const, 'or' as const), tie('cond'), tie('cond')).map(([op, l, r]) => ast.logical(op, l, r)),
      tie('cond').map((c) => ast.not(c)),
    ),
  }));
  return cond;
}

const at = ast.NO_SPAN;

/** Programs of every statement form, nested a few blocks deep. */
export function programArb(): fc.Arbitrary<Program> {
  const e = exprArb({ maxDepth: 2 });
  const c = condArb(e);
  const name = fc.constantFrom(...NAMES);
  const { stmt } = fc.letrec<{ stmt: Stmt; block: Stmt[]; ifStmt: Stmt }>((tie) => {
    const block = tie('block');
    return {
      block: fc.array(tie('stmt'), { maxLength: 3, depthIdentifier: 'stmt' }),
      ifStmt: fc
        .tuple(c, block, fc.option(fc.oneof(block, tie('ifStmt').map((s) => [s])), { depthIdentifier: 'stmt' }))
        .map(([cond, then, otherwise]): Stmt => ({ kind: 'if', cond, then, else: otherwise, span: at })),
      stmt: fc.oneof(
        { maxDepth: 3, depthIdentifier: 'stmt' },
        fc.tuple(name, e).map(([n, value]): Stmt => ({ kind: 'assign', name: n, value, span: at })),
        fc.tuple(name, e, e).map(([n, index, value]): Stmt => ({ kind: 'assignIndex', name: n, index, value, span: at })),
        e.map((value): Stmt => ({ kind: 'return', value, span: at })),
        e.map((value): Stmt => ({ kind: 'expr', value, span: at })),
        fc.tuple(c, block).map(([cond, body]): Stmt => ({ kind: 'while', cond, body, span: at })),
        tie('ifStmt'),
        fc.tuple(name, e, e, block).map(([n, from, to, body]): Stmt => ({ kind: 'for', name: n, from, to, body, span: at })),
      ),
    };
  });
  return fc.array(stmt, { maxLength: 4 }).map((body) => ast.program(body));
}

/** The program `parse` returns for a single expression. */
export const programOf = (value: Expr): Program => ast.program([{ kind: 'expr', value, span: at }]);
