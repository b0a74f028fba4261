// Float64 partial derivatives generated from the primitive table's rules, as plain JavaScript
// functions: the graph sweeps' fast path, derived from the same one-line rules as every method.
import { float, algebraOf } from '../interpret/domain';
import { arityRange, partialOf, PRIMITIVES, type Algebra, type Primitive } from '../primitives';

/** Writes ∂out/∂x[i] for every argument into `into`, given the arguments and the output. */
export type Partials = (x: ArrayLike<number>, out: number, into: Float64Array) => void;

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
  const x = Array.from({ length: nargs }, (_, i) => `x[${i}]`);
  const lines = x.map((_, i) => `  into[${i}] = ${partialOf(p, i)(SOURCE, x, 'out', i)};`);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('F', `return function ${p.name}_partials(x, out, into) {\n${lines.join('\n')}\n};`)(FNS) as Partials;
}

/** The rules run through the float algebra: for ops whose argument count is only known late. */
function interpreted(p: Primitive): Partials {
  return (x, out, into) => {
    const xs = Array.from(x);
    for (let i = 0; i < xs.length; i++) into[i] = partialOf(p, i)(FLOAT, xs, out, i);
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
