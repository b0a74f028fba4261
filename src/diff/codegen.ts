// Float64 partial derivatives generated from the primitive table's rules, as plain JavaScript
// functions: the graph sweeps' fast path, derived from the same one-line rules as every method.
import { float, algebraOf } from '../interpret/domain';
import { arityRange, partialOf, partials, PRIMITIVES, type Algebra, type Primitive } from '../primitives';

/** Writes ∂out/∂x[k] into `into[k]` for the arguments whose bit is set in `mask`; the arguments
 *  are `v[arg[s]]`, `v[arg[s + 1]]`, …, as they sit in a graph's arrays. */
export type Partials = (v: Float64Array, arg: Int32Array, s: number, nargs: number, out: number, into: Float64Array, mask: number) => void;

const FLOAT = algebraOf(float);

/** An algebra whose values are JavaScript source text. */
const SOURCE: Algebra<string> = {
  lift: (c) => (Object.is(c, -0) ? '-0' : c < 0 ? `(${c})` : String(c)),
  add: (a, b) => `(${a} + ${b})`,
  sub: (a, b) => `(${a} - ${b})`,
  mul: (a, b) => `(${a} * ${b})`,
  div: (a, b) => `(${a} / ${b})`,
  neg: (a) => `(-${a})`,
  pow: (a, b) => `Math.pow(${a}, ${b})`,
  call: (op, ...args) => `F[${JSON.stringify(op)}](${args.join(', ')})`,
};

const FNS: Record<string, (...x: number[]) => number> = Object.fromEntries([...PRIMITIVES.values()].map((p) => [p.name, p.fn]));

function generate(p: Primitive, nargs: number): Partials {
  const x = Array.from({ length: nargs }, (_, i) => `x${i}`);
  const loads = x.map((name, i) => `  const ${name} = v[arg[s + ${i}]];`);
  const lines = x.map((_, i) => `  if (mask & ${1 << i}) into[${i}] = ${partialOf(p, i)(SOURCE, x, 'out', i)};`);
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

export function partialsOf(p: Primitive, nargs: number): Partials {
  const key = `${p.name}/${nargs}`;
  let f = cache.get(key);
  if (!f) {
    f = arityRange(p)[1] === Infinity ? interpreted(p) : generate(p, nargs);
    cache.set(key, f);
  }
  return f;
}
