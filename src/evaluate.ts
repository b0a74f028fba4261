// `evaluate`: a program or expression on float64 inputs; a compiled Fn runs its generated primal.
import type { Program } from './ast';
import { compiledFor, compiledValue, compiledValueUntested, NOT_FINITE, refusal } from './compile/engine';
import { plainPoint, type Fn, type Point } from './diff/fn';
import type { Engine } from './diff/types';
import { EvalError } from './errors';
import { float } from './interpret/domain';
import { interpret, type RunOptions } from './interpret/interpret';
import { compile, type CompileOptions, type FnLike } from './diff/fn';

export type Inputs = Readonly<Record<string, number | readonly number[]>>;

export interface EvaluateOptions extends RunOptions, CompileOptions {
  /** For a compiled Fn: its generated primal (default) or the interpreter. */
  readonly engine?: Engine;
}

/** Source text, a program, a compiled function or a JS function (see compile), at float64 inputs;
 *  a compiled Fn runs its generated primal. */
export function evaluate(source: FnLike, inputs: Inputs | Point = {}, options: EvaluateOptions = {}): number | number[] {
  // Inputs the layout cannot hold (infinite, missing, unknown) go to the interpreter, whose
  // answer or error is the contract.
  // A single Float64Array input is tested by the primal's own reads where they cover it, else
  // by one pass (compiledValueUntested); a non-finite one takes the interpreter, as above.
  const plain = typeof source === 'object' && source.kind === 'fn' && source.program && refusal(source, options.engine) === undefined ? plainPoint(source, inputs, undefined, true) : undefined;
  if (plain) {
    const c = compiledFor(source as Fn, plain.layout);
    if (typeof c !== 'string') {
      const v = plain.checked ? compiledValue(source as Fn, plain.layout, c, plain.x, options.maxIterations) : compiledValueUntested(source as Fn, plain.layout, c, plain.x, options.maxIterations);
      if (v !== NOT_FINITE) return typeof v === 'number' ? v : Array.from(v);
    }
  }
  const program: Program | null = compile(source, options).program;
  if (!program) throw new EvalError('type', 'this function was built from expressions: evaluate it with its graph, not the interpreter');
  return interpret(program, float, checkInputs(inputs), options);
}

/** Inputs must be finite numbers or vectors of them (plain or Float64Array): a NaN in is a NaN
 *  out, and never silent. */
export function checkInputs(inputs: Inputs | Point): Record<string, number | number[]> {
  const out: Record<string, number | number[]> = {};
  for (const [name, v] of Object.entries(inputs)) {
    const values = typeof v === 'number' ? [v] : Array.isArray(v) ? v : v instanceof Float64Array ? Array.from(v) : null;
    if (values === null || values.some((x) => typeof x !== 'number' || Number.isNaN(x))) {
      throw new EvalError('type', `input '${name}' must be a number or a vector of numbers, got ${JSON.stringify(v)}`);
    }
    out[name] = typeof v === 'number' ? v : [...v];
  }
  return out;
}
