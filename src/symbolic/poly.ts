// Polynomials in one input with exact rational coefficients, read off canonical sums, and the
// exact division that cancels a common factor of a numerator and a denominator.
import type { Expr } from '../ast';
import type { Canon } from './canon';
import { ADD, coefficientOf, factorsOf, isCall, numOf, POW } from './forms';
import * as N from './numbers';
import type { Rational } from './numbers';

/** Coefficients by degree, lowest first, over the one variable `x`. */
export interface Poly {
  readonly x: Expr;
  readonly c: readonly Rational[];
}

const MAX_DEGREE = 24;

/** A canonical sum as a polynomial in one input, or null (two inputs, a function, a float). */
export function polyOf(e: Expr): Poly | null {
  if (!isCall(e, ADD)) return null;
  let x: Expr | null = null;
  const c: Rational[] = [];
  for (const t of e.args) {
    const k = coefficientOf(t);
    if (!N.isExact(k)) return null;
    const fs = factorsOf(t);
    if (fs.length > 1) return null;
    let degree = 0;
    if (fs.length === 1) {
      const f = fs[0];
      const base = isCall(f, POW) ? f.args[0] : f;
      const n = isCall(f, POW) ? numOf(f.args[1]) : N.ONE;
      if (n === null || !N.isInteger(n) || N.sign(n) <= 0 || N.value(n) > MAX_DEGREE) return null;
      if (base.kind !== 'variable' && base.kind !== 'index') return null;
      if (x !== null && x !== base) return null;
      x = base;
      degree = N.value(n);
    }
    while (c.length <= degree) c.push(N.ZERO);
    const sum = N.add(c[degree], k);
    if (!N.isExact(sum)) return null;
    c[degree] = sum;
  }
  return x === null ? null : { x, c: trim(c) };
}

function trim(c: Rational[]): Rational[] {
  while (c.length > 0 && N.isZero(c[c.length - 1])) c.pop();
  return c;
}

/** n / d when d divides n exactly over the rationals, else null. */
export function divideExactly(n: Poly, d: Poly): Poly | null {
  if (n.x !== d.x || d.c.length < 2 || n.c.length < d.c.length) return null;
  const r = [...n.c];
  const q: Rational[] = Array.from({ length: n.c.length - d.c.length + 1 }, () => N.ZERO);
  const lead = d.c[d.c.length - 1];
  for (let i = q.length - 1; i >= 0; i--) {
    const f = N.div(r[i + d.c.length - 1], lead);
    if (f === null || !N.isExact(f)) return null;
    q[i] = f;
    for (let j = 0; j < d.c.length; j++) {
      const v = N.add(r[i + j], N.neg(N.mul(f, d.c[j])));
      if (!N.isExact(v)) return null;
      r[i + j] = v;
    }
  }
  return r.every((v) => N.isZero(v)) ? { x: n.x, c: trim(q) } : null;
}

export function exprOf(p: Poly, canon: Canon): Expr {
  return canon.sum(p.c.map((k, i) => canon.product([canon.number(k), canon.power(p.x, canon.number(N.rational(i, 1)))])));
}
