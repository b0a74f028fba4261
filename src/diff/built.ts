// Functions built directly as expressions rather than parsed from a program (a network's loss):
// every method differentiates them through the same cached graph and symbolic plan.
import type { Expr } from '../ast';
import { layoutOf, type Built, type Fn } from './fn';
import { compileExprs } from './lower';

/**
 * f(inputs) = `outputs`, where each input is a named vector of leaves and each data array a named
 * vector of leaves whose values come from `fn.data` at every call (set them before calling).
 */
export function fromExpressions(
  outputs: readonly Expr[],
  inputs: readonly { readonly name: string; readonly leaves: readonly Expr[] }[],
  data: Built['data'] = [],
  vector = outputs.length !== 1,
): Fn {
  const leaves = inputs.flatMap((i) => i.leaves);
  const built: Built = { outputs, vector, leaves, data };
  const fn: Fn = { kind: 'fn', program: null, inputs: inputs.map((i) => i.name), cache: new Map(), built, data: new Map() };
  const shape = Object.fromEntries(inputs.map((i) => [i.name, new Array<number>(i.leaves.length).fill(0)]));
  fn.cache.set(`graph:${layoutOf(fn, shape).key}`, { graph: compileExprs(outputs, leaves, data), vector });
  return fn;
}
