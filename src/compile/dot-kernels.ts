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

export const DOT_KERNELS = { dotForward, dotAdjoint };
