// Dual numbers over any inner domain: a primal and a chunk of tangents, for forward mode. Nested
// (dual over dual) they carry second derivatives.
import { algebraOf, type Domain } from '../interpret/domain';
import { partials, type Primitive } from '../primitives';

/** A tangent lane: a value, or null where the primal cannot depend on the lane's direction (no
 *  seeded input reaches it). A null lane is exactly zero, also through an infinite partial, where
 *  a computed zero times ∞ is NaN: `sqrt(x) + y` at x = 0 has ∂/∂y = 1, not NaN. */
export type Lane<T> = T | null;

/** A primal value and its tangents; `t` is null for a constant (no derivative to carry). */
export class Dual<T> {
  constructor(
    readonly v: T,
    readonly t: readonly Lane<T>[] | null,
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
      // Constants carry no tangent, so their partials (pow's log x at x < 0) are never formed.
      if (args.every((a) => a.t === null)) return new Dual(out, null);
      const d = partials(op, A, primals, out, (i) => args[i].t !== null);
      let t: Lane<T>[] | null = null;
      for (let i = 0; i < args.length; i++) {
        const ti = args[i].t;
        if (ti === null) continue;
        const p = d[i]!;
        for (let k = 0; k < width; k++) {
          const dt = ti[k];
          if (dt === null) continue;
          t ??= new Array<Lane<T>>(width).fill(null);
          const term = A.mul(p, dt);
          const sum = t[k];
          t[k] = sum === null ? term : A.add(sum, term);
        }
      }
      return new Dual(out, t);
    },
  };
}

/** Tangent lanes from numbers: a zero is a direction the input does not move in (a null lane). */
export function lanes<T>(inner: Domain<T>, tangent: readonly number[]): Lane<T>[] {
  return tangent.map((c) => (c === 0 ? null : inner.constant(c)));
}

/** The lanes as numbers, null lanes (and a constant's missing tangent) as 0. */
export function laneValues(t: readonly Lane<number>[] | null, width: number): number[] {
  return t ? t.map((c) => c ?? 0) : new Array<number>(width).fill(0);
}
