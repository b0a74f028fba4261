// Strided dot-product kernels that generated code calls for a loop z = z + A[·]·B[·] and for its
// adjoint: each performs exactly the trips' operations in the trips' order (so the results are the
// same to the bit), unrolled by four. A small function of its own is what V8 optimizes best: the
// same loop inline in a large generated function ran at half the speed (bench/training.ts).

/** z + A[a]·B[b] + A[a + sa]·B[b + sb] + … over n trips, added left to right. */
function dotForward(z: number, A: Float64Array, a: number, sa: number, B: Float64Array, b: number, sb: number, n: number): number {
  let k = 0;
  for (; k + 4 <= n; k += 4, a += 4 * sa, b += 4 * sb) {
    z = z + A[a] * B[b];
    z = z + A[a + sa] * B[b + sb];
    z = z + A[a + 2 * sa] * B[b + 2 * sb];
    z = z + A[a + 3 * sa] * B[b + 3 * sb];
  }
  for (; k < n; k++, a += sa, b += sb) z = z + A[a] * B[b];
  return z;
}

/** d[p + k·sp] += g·V[q + k·sq] for k = n − 1 … 0: one factor's adjoint, the last trip first. */
function axpyBack(g: number, d: Float64Array, p: number, sp: number, V: Float64Array, q: number, sq: number, n: number): void {
  let k = n - 1;
  p += k * sp;
  q += k * sq;
  for (; k >= 3; k -= 4, p -= 4 * sp, q -= 4 * sq) {
    d[p] += g * V[q];
    d[p - sp] += g * V[q - sq];
    d[p - 2 * sp] += g * V[q - 2 * sq];
    d[p - 3 * sp] += g * V[q - 3 * sq];
  }
  for (; k >= 0; k--, p -= sp, q -= sq) d[p] += g * V[q];
}

/**
 * The adjoint of dotForward's trips with z's adjoint g, the last trip first: each trip adds g·B
 * into A's adjoint dA, then g·A into B's adjoint dB, as the adjoint sweep's statements do (null:
 * that factor is not differentiated). Both updates stay in one trip where they can meet (the same
 * adjoint array), so the order of additions into each element is the trips'.
 */
function dotAdjoint(g: number, dA: Float64Array | null, A: Float64Array, a: number, sa: number, dB: Float64Array | null, B: Float64Array, b: number, sb: number, n: number): void {
  if (dA && dB) {
    for (let k = n - 1, p = a + k * sa, q = b + k * sb; k >= 0; k--, p -= sa, q -= sb) {
      dA[p] += g * B[q];
      dB[q] += g * A[p];
    }
  } else if (dA) axpyBack(g, dA, a, sa, B, b, sb, n);
  else if (dB) axpyBack(g, dB, b, sb, A, a, sa, n);
}

/**
 * m units' dot products, unit u's z = c + A[a + u·ta]·x[b] + A[a + u·ta + sa]·x[b + sb] + …, each
 * added left to right as dotForward adds it, four units at a time: four independent chains of
 * additions overlap, and each read of x serves all four. x is the same for every unit.
 */
function rowsShared(out: Float64Array, c: number, A: Float64Array, a: number, sa: number, ta: number, x: Float64Array, b: number, sb: number, n: number, m: number): void {
  const t2 = 2 * ta;
  const t3 = 3 * ta;
  let u = 0;
  for (; u + 4 <= m; u += 4) {
    let z0 = c;
    let z1 = c;
    let z2 = c;
    let z3 = c;
    for (let k = 0, p = a + u * ta, q = b; k < n; k++, p += sa, q += sb) {
      const v = x[q];
      z0 = z0 + A[p] * v;
      z1 = z1 + A[p + ta] * v;
      z2 = z2 + A[p + t2] * v;
      z3 = z3 + A[p + t3] * v;
    }
    out[u] = z0;
    out[u + 1] = z1;
    out[u + 2] = z2;
    out[u + 3] = z3;
  }
  for (; u < m; u++) out[u] = dotForward(c, A, a + u * ta, sa, x, b, sb, n);
}

/** The same with both factors moving from unit to unit: four chains, no read shared. */
function rowsApart(out: Float64Array, c: number, A: Float64Array, a: number, sa: number, ta: number, B: Float64Array, b: number, sb: number, tb: number, n: number, m: number): void {
  let u = 0;
  for (; u + 4 <= m; u += 4) {
    let z0 = c;
    let z1 = c;
    let z2 = c;
    let z3 = c;
    for (let k = 0, p = a + u * ta, q = b + u * tb; k < n; k++, p += sa, q += sb) {
      z0 = z0 + A[p] * B[q];
      z1 = z1 + A[p + ta] * B[q + tb];
      z2 = z2 + A[p + 2 * ta] * B[q + 2 * tb];
      z3 = z3 + A[p + 3 * ta] * B[q + 3 * tb];
    }
    out[u] = z0;
    out[u + 1] = z1;
    out[u + 2] = z2;
    out[u + 3] = z3;
  }
  for (; u < m; u++) out[u] = dotForward(c, A, a + u * ta, sa, B, b + u * tb, sb, n);
}

/**
 * Every unit's trips of a loop over units around a dot-product loop (matvec.ts): out[u] is what
 * dotForward gives unit u, from z = c, with A's first position a + u·ta and B's b + u·tb. Where
 * only one factor moves with the unit, the other's reads are shared (x·y and y·x are the same
 * double, so the factors may change places).
 */
function dotRows(out: Float64Array, c: number, A: Float64Array, a: number, sa: number, ta: number, B: Float64Array, b: number, sb: number, tb: number, n: number, m: number): void {
  if (tb === 0) rowsShared(out, c, A, a, sa, ta, B, b, sb, n, m);
  else if (ta === 0) rowsShared(out, c, B, b, sb, tb, A, a, sa, n, m);
  else rowsApart(out, c, A, a, sa, ta, B, b, sb, tb, n, m);
}

/** Row buffers by nesting depth (a loop over units inside another's body is one deeper): rows of
 *  the same depth are never needed at once, and generated code never runs inside itself. */
const POOL: Float64Array[] = [];
function rowBuffer(depth: number, m: number): Float64Array {
  if (!(POOL[depth]?.length >= m)) POOL[depth] = new Float64Array(Math.max(m, 2 * (POOL[depth]?.length ?? 0)));
  return POOL[depth];
}

export const DOT_KERNELS = { dotForward, dotAdjoint, dotRows, rowBuffer };
