// Running a function on a tape at a point, and keeping the traced graph for replay when no
// branch depended on the inputs (as ReverseDiff.jl's compiled tapes and JAX's traces do).
import { EvalError, UnsupportedError } from '../errors';
import { float, isVector, type Domain, type Value } from '../interpret/domain';
import { interpret, type RunOptions } from '../interpret/interpret';
import { flatten, layoutOf, seedInputs, unflatten, type Fn, type Layout, type Point } from './fn';
import { bind, buffers, evaluate as evaluateGraph, graphOf, type Graph } from './graph';
import { Tape, type TapeVar } from './tape';

/** Outputs of a run as a list, and whether f returned a vector. */
export function outputsOf<T>(v: Value<T>): { outs: T[]; vector: boolean } {
  return isVector(v) ? { outs: v, vector: true } : { outs: [v], vector: false };
}

export function shapeValue(values: readonly number[], vector: boolean): number | number[] {
  return vector ? [...values] : values[0];
}

/** Runs f on `domain` with each input slot j lifted by `lift(j)`; a program's inputs that
 *  `Fn.data` binds (a training batch) enter as constants. */
export function run<T>(fn: Fn, layout: Layout, domain: Domain<T>, lift: (j: number) => T, options: RunOptions = {}): Value<T> {
  if (!fn.program) throw new UnsupportedError(`this function was built as expressions, not a program: ${domain.name} cannot run it`, undefined, 'expression');
  const inputs: Record<string, Value<T>> = seedInputs(layout, lift);
  for (const [name, v] of fn.data) if (!(name in inputs)) inputs[name] = Array.from(v, (c) => domain.constant(c));
  return interpret(fn.program, domain, inputs, options);
}

/** A program reading `Fn.data` has its batch as constants in each recorded graph: not replayable. */
const bindsData = (fn: Fn): boolean => fn.program !== null && fn.data.size > 0;

export interface Recording<T> {
  readonly tape: Tape<T>;
  readonly outs: TapeVar<T>[];
  readonly vector: boolean;
}

export function record<T>(fn: Fn, layout: Layout, inner: Domain<T>, x: (j: number) => T, options: RunOptions = {}): Recording<T> {
  const tape = new Tape(inner, layout.n);
  const out = run(fn, layout, tape.domain(), (j) => tape.variable(j, x(j)), options);
  return { tape, ...outputsOf(out) };
}

export interface Traced {
  readonly fn: Fn;
  readonly layout: Layout;
  readonly x: Float64Array;
  /** The replayable graph, or null when a branch depended on the inputs. */
  readonly graph: Graph | null;
  /** Node values of the graph at x (when there is a graph). */
  readonly values: Float64Array | null;
  /** A fresh float tape at x when there is no graph. */
  readonly recording: Recording<number> | null;
  readonly value: number | number[];
  readonly vector: boolean;
}

/** f at `at`, through the cached graph when one holds, else by recording a new tape. */
export function trace(fn: Fn, at: Point, options: RunOptions = {}): Traced {
  const layout = layoutOf(fn, at);
  const x = flatten(layout, at);
  const key = `graph:${layout.key}`;
  const cached = fn.cache.get(key) as { graph: Graph; vector: boolean } | 'branchy' | undefined;
  if (cached && cached !== 'branchy') {
    bind(cached.graph, fn.data);
    const values = evaluateGraph(cached.graph, x, buffers(cached.graph).values);
    const outs = Array.from(cached.graph.outputs, (o) => values[o]);
    if (!hasNaN(values)) {
      return { fn, layout, x, graph: cached.graph, values, recording: null, value: shapeValue(outs, cached.vector), vector: cached.vector };
    }
    // A NaN out of the replay: run the interpreter, which names the call and its position.
    if (!fn.program) throw new EvalError('domain', 'the function is not a real number at this point (NaN)');
  }
  const recording = record(fn, layout, float, (j) => x[j], options);
  const outs = recording.outs.map((o) => o.v);
  if (outs.some(Number.isNaN)) throw new EvalError('domain', 'the function is not a real number at this point');
  const value = shapeValue(outs, recording.vector);
  if (bindsData(fn)) return { fn, layout, x, graph: null, values: null, recording, value, vector: recording.vector };
  if (recording.tape.dependsOnBranch) {
    fn.cache.set(key, 'branchy');
    return { fn, layout, x, graph: null, values: null, recording, value, vector: recording.vector };
  }
  const graph = graphOf(recording.tape, recording.outs);
  fn.cache.set(key, { graph, vector: recording.vector });
  return { fn, layout, x, graph, values: evaluateGraph(graph, x, buffers(graph).values), recording: null, value, vector: recording.vector };
}

/** The graph at a traced point: the replayed one, or that of the float tape recorded there (for a
 *  branchy program, the path taken at this point). */
export function graphAt(t: Traced): { graph: Graph; values: Float64Array } {
  if (t.graph && t.values) return { graph: t.graph, values: t.values };
  const graph = graphOf(t.recording!.tape, t.recording!.outs);
  return { graph, values: evaluateGraph(graph, t.x) };
}

/** f at a flat point: the fastest plain evaluation gradlab has (graph replay when it holds). */
export function valueAt(fn: Fn, layout: Layout, x: Float64Array, options: RunOptions = {}): number[] {
  const cached = fn.cache.get(`graph:${layout.key}`) as { graph: Graph } | 'branchy' | undefined;
  if (cached && cached !== 'branchy') {
    bind(cached.graph, fn.data);
    const values = evaluateGraph(cached.graph, x, buffers(cached.graph).values);
    if (!hasNaN(values)) return Array.from(cached.graph.outputs, (o) => values[o]);
  }
  if (cached === undefined) return outputsAsArray(trace(fn, unflatten(layout, x), options).value);
  return outputsOf(run(fn, layout, float, (j) => x[j], options)).outs;
}

function outputsAsArray(v: number | number[]): number[] {
  return typeof v === 'number' ? [v] : v;
}

/** A NaN anywhere in a replay means some call left its domain: the interpreter will say which. */
function hasNaN(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) return true;
  return false;
}
