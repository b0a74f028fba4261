// Float64 partial derivatives generated from the primitive table's rules, as plain JavaScript
// functions: the graph sweeps' fast path, derived from the same one-line rules as every method.
import { FNS, SOURCE } from '../compile/source';
import { float, algebraOf } from '../interpret/domain';
import { arityRange, partialOf, partials, type Primitive } from '../primitives';

/** Writes ∂out/∂x[k] into `into[k]` for the arguments whose bit is set in `mask`; the arguments
 *  are `v[arg[s]]`, `v[arg[s + 1]]`, …, as they sit in a graph's arrays. */
export type Partials = (v: Float64Array, arg: Int32Array, s: number, nargs: number, out: number, into: Float64Array, mask: number) => void;

const FLOAT = algebraOf(float);

/** ∂out/∂x[i] of `p` called with `nargs` arguments as a JavaScript expression over `x0`, `x1`, …
 *  and `out`, written by the row's own rule in the source algebra; `F` must hold the rows'
 *  functions where it runs. */
export function partialSource(p: Primitive, nargs: number, i: number): string {
  const x = Array.from({ length: nargs }, (_, k) => `x${k}`);
  return partialOf(p, i)(SOURCE, x, 'out', i);
}

function generate(p: Primitive, nargs: number): Partials {
  const loads = Array.from({ length: nargs }, (_, i) => `  const x${i} = v[arg[s + ${i}]];`);
  const lines = loads.map((_, i) => `  if (mask & ${1 << i}) into[${i}] = ${partialSource(p, nargs, i)};`);
  const body = [...loads, ...lines].join('\n');
  return new Function('F', `return function ${p.name}_partials(v, arg, s, nargs, out, into, mask) {\n${body}\n};`)(FNS) as Partials;
}

/** The rules run through the float algebra: for ops whose argument count is only known late. */
function interpreted(p: Primitive): Partials {
  return (v, arg, s, nargs, out, into) => {
    const xs: number[] = new Array(nargs);
    for (let k = 0; k < nargs; k++) xs[k] = v[arg[s + k]];
    const d = partials(p, FLOAT, xs, out);
    for (let i = 0; i < nargs; i++) into[i] = d[i]!;
  };
}

const cache = new Map<string, Partials>();

/** Special case: a page whose Content-Security-Policy forbids 'unsafe-eval' makes `new Function`
 *  throw an EvalError; the rules then run interpreted, slower but the same numbers. */
let generating = true;
function generateOrInterpret(p: Primitive, nargs: number): Partials {
  if (generating) {
    try {
      return generate(p, nargs);
    } catch (err) {
      if (!(err instanceof EvalError)) throw err;
      generating = false;
    }
  }
  return interpreted(p);
}

export function partialsOf(p: Primitive, nargs: number): Partials {
  const key = `${p.name}/${nargs}`;
  let f = cache.get(key);
  if (!f) {
    f = arityRange(p)[1] === Infinity ? interpreted(p) : generateOrInterpret(p, nargs);
    cache.set(key, f);
  }
  return f;
}
