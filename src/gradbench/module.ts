// What an eval module is to the tool: its functions, each preparing a call for one input (input
// converted, program compiled) that the tool then times.
import { compile, type Fn } from '../diff/fn';
import type { Method } from '../diff/types';
import { evaluate, type Inputs } from '../evaluate';
import { EvalError } from '../errors';

/** One workload ready to run: `run` computes the function's output as GradBench's JSON wants it. */
export interface Prepared {
  run(): unknown;
}

export type Prepare = (input: unknown, method: Method) => Prepared;

export interface EvalModule {
  readonly name: string;
  /** The functions GradBench's eval asks for, by their protocol names. */
  readonly functions: Readonly<Record<string, Prepare>>;
}

const compiled = new Map<string, Fn>();

/** The compiled function of a program's source, built once per distinct text (a program that
 *  takes a workload parameter, like llsq's n, has one text per value). */
export function program(source: string): Fn {
  let fn = compiled.get(source);
  if (!fn) {
    fn = compile(source);
    compiled.set(source, fn);
  }
  return fn;
}

/** The plain value of f at `at`, by `evaluate` of the compiled function (its generated primal). */
export function primal(fn: Fn, at: Inputs, maxIterations: number): () => number | number[] {
  return () => evaluate(fn, at, { maxIterations });
}

/** ∇f at `at` by the chosen method, flat in the order of the program's inputs. */
export function gradientOf(fn: Fn, at: Inputs, method: Method, maxIterations: number): () => number[] {
  return () => method.gradient(fn, at, { maxIterations }).result;
}

/** A scalar the eval asked for: a vector-valued answer here is a bug in the module's program. */
export function scalar(v: number | number[]): number {
  if (typeof v !== 'number') throw new EvalError('shape', `the program returned a vector of ${v.length} where a number was expected`);
  return v;
}

/** A workload's program, point and loop budget, from one GradBench input. */
export interface Workload {
  readonly fn: Fn;
  readonly at: Inputs;
  readonly budget: number;
}

/** An eval of a scalar function (llsq, lse, det): its `primal` and its `gradient` by the method. */
export function scalarEval(name: string, workload: (input: unknown) => Workload): EvalModule {
  return {
    name,
    functions: {
      primal(input) {
        const { fn, at, budget } = workload(input);
        const run = primal(fn, at, budget);
        return { run: () => scalar(run()) };
      },
      gradient(input, method) {
        const { fn, at, budget } = workload(input);
        return { run: gradientOf(fn, at, method, budget) };
      },
    },
  };
}
