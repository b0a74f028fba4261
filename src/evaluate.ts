// `evaluate`: a program or expression on float64 inputs; a compiled Fn runs its generated primal.
import type { Program } from './ast';
import { compiledFor, compiledValue, flatPoint, plainPoint, refusal } from './compile/engine';
import type { Fn } from './diff/fn';
import { layoutOf } from './diff/fn';
import type { Engine } from './diff/types';
import { EvalError } from './errors';
import { float } from './interpret/domain';
import { interpret, type RunOptions } from './interpret/interpret';
import { parse } from './parse/parse';

export type Inputs = Readonly<Record<string, number | readonly number[]>>;

export interface EvaluateOptions extends RunOptions {
  /** For a compiled Fn: its generated primal (default) or the interpreter. */
  readonly engine?: Engine;
}

export function evaluate(source: string | Program | Fn, inputs: Inputs = {}, options: EvaluateOptions = {}): number | number[] {
  if (typeof source !== 'string' && source.kind === 'fn') {
    const fn = source;
    // Inputs the layout cannot hold (infinite, missing, unknown) go to the interpreter, whose
    // answer or error is the contract.
    if (fn.program && plainPoint(fn, inputs) && refusal(fn, options.engine) === undefined) {
      const layout = layoutOf(fn, inputs);
      const c = compiledFor(fn, layout);
      if (typeof c !== 'string') {
        const v = compiledValue(fn, layout, c, flatPoint(layout, inputs), options.maxIterations);
        return typeof v === 'number' ? v : Array.from(v);
      }
    }
    if (!fn.program) throw new EvalError('unsupported', 'this function is built from expressions, not a program: evaluate cannot run it');
    return interpret(fn.program, float, checkInputs(inputs), options);
  }
  const program = typeof source === 'string' ? parse(source) : source;
  return interpret(program, float, checkInputs(inputs), options);
}

/** Inputs must be finite numbers or vectors of them: a NaN in is a NaN out, and never silent. */
export function checkInputs(inputs: Inputs): Record<string, number | number[]> {
  const out: Record<string, number | number[]> = {};
  for (const [name, v] of Object.entries(inputs)) {
    const values = typeof v === 'number' ? [v] : Array.isArray(v) ? v : null;
    if (values === null || values.some((x) => typeof x !== 'number' || Number.isNaN(x))) {
      throw new EvalError('type', `input '${name}' must be a number or a vector of numbers, got ${JSON.stringify(v)}`);
    }
    out[name] = typeof v === 'number' ? v : [...v];
  }
  return out;
}
