// gradlab's public API: re-exports only, grouped by concept.

// The language
export { parse, parseExpression, MAX_DEPTH } from './parse/parse';
export { print } from './print/print';
export { toLatex } from './print/latex';
export type { Program, Stmt, Expr, Cond, Node, Span, CompareOp, ConstantName } from './ast';
export * as ast from './ast';

// Running programs
export { evaluate, type Inputs } from './evaluate';
export { interpret, DEFAULT_MAX_ITERATIONS, type RunOptions } from './interpret/interpret';
export { float, algebraOf, isVector, type Domain, type Value } from './interpret/domain';
export { inputsOf, type InputUse } from './interpret/inputs';

// The primitive table
export { PRIMITIVES, primitive, partialOf, arityRange, type Primitive, type Algebra, type Partial } from './primitives';

// Errors
export { GradlabError, ParseError, EvalError, UsageError, formatError, type ErrorCode } from './errors';
