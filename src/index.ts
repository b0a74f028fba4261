// gradlab's public API: re-exports only, grouped by concept.

// The language
export { parse, parseExpression, MAX_DEPTH } from './parse/parse';
export { print, toLatex, type Printable } from './print/printable';

export type { Program, Stmt, Expr, Cond, Node, Span, CompareOp, ConstantName } from './ast';
export * as ast from './ast';

// Running programs
export { evaluate, type Inputs } from './evaluate';
export { interpret, DEFAULT_MAX_ITERATIONS, type RunOptions } from './interpret/interpret';
export { float, algebraOf, isVector, type Domain, type Value } from './interpret/domain';
export { inputsOf, type InputUse } from './interpret/inputs';

// Differentiation: four methods behind one interface, the verbs over them, and compare
export { differentiators, differentiator, METHODS, EXACT_METHODS, gradient, jacobian, hessian, jvp, vjp, hvp, type MethodOptions } from './diff/registry';
export { derivative, differentiate, type Derivative } from './diff/symbolic';
export { simplify } from './simplify';
export { compare, parseMethods, relativeError, SCHEMES, type Comparison, type MethodResult, type CompareOptions } from './diff/compare';
export { reference } from './diff/reference';
export { compile, layoutOf, type Fn, type FnLike, type JsFunction, type CompileOptions, type Point, type Layout } from './diff/fn';
export { translateFunction, translateFile, type Translated, type TranslateOptions } from './js/translate';
export type { Differentiator, Method, MethodFacts, MethodName, Options, Scheme, Stats, Answer, Engine } from './diff/types';

// Checking a gradient someone claims (their own backprop): the Taylor remainder's slope, and forward mode
export { checkGradient, type GradientCheck, type CheckOptions, type TaylorPoint, type Verdict } from './harness/check';

// Networks: layers, losses, datasets, optimizers, training by any method
export { train, gradientStep, evaluateSplit, TRAIN_METHODS, type TrainOptions, type TrainResult, type TrainMethod, type EpochMetrics } from './nn/train';
export { architecture, initialise, parameterCount, forwardPass, meanLoss, accuracy, layersOf, type Architecture, type Activation, type LossName } from './nn/network';
export { lossFunction } from './nn/loss';
export { manualGradient } from './nn/manual';
export { loadDataset, DATASETS, type Dataset, type DatasetName } from './nn/data';
export { optimizer, OPTIMIZERS, DEFAULT_LR, clipByNorm, clipByValue, type OptimizerName } from './nn/optimizers';
export { Rng } from './nn/rng';
export { fromExpressions } from './diff/built';

// The primitive table
export { PRIMITIVES, primitive, partialOf, arityRange, type Primitive, type Algebra, type Partial } from './primitives';

// Errors
export { GradlabError, ParseError, EvalError, UsageError, UnsupportedError, formatError, type ErrorCode } from './errors';
