// How far a derivative is from the reference: the relative error `compare` reports, and the
// mixed relative/absolute error the accuracy studies and tests count digits with (the derivative
// may be a plain array or a Float64Array).
import { primitive } from '../primitives';

/** The table's hypot takes an array: no spread, so a 10⁶-entry gradient is fine. */
const hypot = primitive('hypot');

/** ‖got − want‖₂ and ‖want‖₂, scaled (by hypot) so that values near the float64 limit do not
 *  overflow. Equal entries, infinities included, differ by nothing; a NaN or an infinite difference
 *  gives an infinite distance. Infinite entries of `want` add nothing to its norm. */
function distance(got: ArrayLike<number>, want: readonly number[]): { diff: number; norm: number } {
  const diffs: number[] = [];
  for (let i = 0; i < want.length; i++) {
    if (got[i] === want[i]) continue;
    const d = got[i] - want[i];
    if (!Number.isFinite(d)) return { diff: Infinity, norm: 0 };
    diffs.push(d);
  }
  return { diff: hypot.apply(diffs), norm: hypot.apply(want.filter(Number.isFinite)) };
}

/** ‖got − want‖₂ / ‖want‖₂, or the absolute error where the reference is 0. */
export function relativeError(got: ArrayLike<number>, want: readonly number[]): number {
  const { diff, norm } = distance(got, want);
  return norm > 0 ? diff / norm : diff;
}

/**
 * ‖got − want‖₂ / max(‖want‖₂, 1): relative where the true derivative is large, absolute where it is
 * below 1. A gradient that is exactly 0 in real arithmetic (sin² + cos²) comes out of float64 as
 * rounding noise around 0; a purely relative error would call that infinitely wrong (0 digits), a
 * mixed one calls it about 16 digits right, which is what the user gets.
 */
export function mixedError(got: ArrayLike<number>, want: readonly number[]): number {
  const { diff, norm } = distance(got, want);
  return diff / Math.max(norm, 1);
}
