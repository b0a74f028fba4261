// Dual numbers over any inner domain: a primal and a chunk of tangents, for forward mode. Nested
// (dual over dual) they carry second derivatives.
import { algebraOf, type Domain } from '../interpret/domain';
import { partialOf, type Primitive } from '../primitives';

/** A primal value and its tangents; `t` is null for a constant (no derivative to carry). */
export class Dual<T> {
  constructor(
    readonly v: T,
    readonly t: readonly T[] | null,
  ) {}
}

/** Forward mode over `inner` with `width` tangents per value (ForwardDiff's chunk). */
export function dualDomain<T>(inner: Domain<T>, width: number): Domain<Dual<T>> {
  const A = algebraOf(inner);
  return {
    name: `dual(${inner.name}, ${width})`,
    constant: (value) => new Dual(inner.constant(value), null),
    primal: (x, site) => inner.primal(x.v, site),
    peek: (x) => (inner.peek ? inner.peek(x.v) : inner.primal(x.v)),
    apply(op: Primitive, args: readonly Dual<T>[]): Dual<T> {
      const primals = args.map((a) => a.v);
      const out = inner.apply(op, primals);
      let t: T[] | null = null;
      for (let i = 0; i < args.length; i++) {
        const ti = args[i].t;
        // Constants carry no tangent, so their partials (pow's log x at x < 0) are never formed.
        if (ti === null) continue;
        const p = partialOf(op, i)(A, primals, out, i);
        if (t === null) t = ti.map((dt) => A.mul(p, dt));
        else for (let k = 0; k < width; k++) t[k] = A.add(t[k], A.mul(p, ti[k]));
      }
      return new Dual(out, t);
    },
  };
}

/** A seeded variable: primal `v` with tangent slot k set to one, or an explicit tangent. */
export function seed<T>(inner: Domain<T>, v: T, tangent: readonly number[]): Dual<T> {
  return new Dual(v, tangent.map((c) => inner.constant(c)));
}
