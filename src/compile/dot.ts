// Reverse mode's dot-product loop, `for i = a:b { z = z + A[e₁] * B[e₂] }` with e₁, e₂ affine in
// the counter: where the range test before the loop passes (hoist.ts), the forward sweep runs its
// trips as one call of a strided kernel (dot-kernels.ts) and the adjoint sweep runs their adjoint
// as another, the same operations in the same order as the trips, so every result is the same to
// the bit. Where the test fails, the trips run as before (reverse.ts's accumulation loop).
import type { Expr, Stmt } from '../ast';
import type { Names } from './emit';
import { BAIL } from './flatten';
import { elementKey, hoist, valueAt } from './hoist';

type ForStmt = Extract<Stmt, { kind: 'for' }>;
type Read = Extract<Expr, { kind: 'index' }>;

/** A row of z values computed before the loop over units around a dot-product loop (matvec.ts):
 *  its JavaScript array, the outer loop's start and the outer counter's JavaScript name. */
export interface Rows {
  readonly out: string;
  readonly lo: string;
  readonly j: string;
}

/** Inner loops whose z a row holds, while the trips of the loop around them are being written. */
export const ROWS = new Map<ForStmt, Rows>();

export interface DotLoop {
  readonly s: ForStmt;
  readonly z: string;
  /** The two factors in source order: the adjoint sweep updates the first one's adjoint first. */
  readonly reads: readonly [Read, Read];
}

/** The accumulation loop `z = z + term` as a dot-product loop: term is a product of two element
 *  reads, and the counter carries no derivative (its adjoint would need a per-trip reset). */
export function dotLoop(s: ForStmt, z: string, term: Expr, active: ReadonlySet<string>): DotLoop | undefined {
  if (term.kind !== 'call' || term.op !== 'multiply' || term.args.length !== 2 || active.has(s.name)) return undefined;
  const [a, b] = term.args;
  if (a.kind !== 'index' || b.kind !== 'index') return undefined;
  return { s, z, reads: [a, b] };
}

/** Each factor's 0-based first position and stride, for a range-tested loop with n ≥ 1 trips
 *  (affine with safe-integer parts at both ends, so lo + 1's index is exact when n > 1). */
function bases(d: DotLoop, names: Names): string[] {
  const scope = names.scope(new Set());
  return d.reads.map((r, i) => {
    const at = (k: string) => valueAt(r.index, d.s.name, k, scope, []);
    return `const k${i} = ${at('lo')} - 1, s${i} = n > 1 ? ${at('(lo + 1)')} - 1 - k${i} : 0;`;
  });
}

const arrays = (d: DotLoop, names: Names): string[] => d.reads.map((r, i) => [names.js(r.name), `k${i}`, `s${i}`].join(', '));

/**
 * The forward sweep's trips: where both reads are range-tested for this copy of the loop (by it
 * or, for reads its counter does not move, by an enclosing loop) and lo is an integer (a
 * fractional one saves every trip's counter), one kernel call counted against the budget as the
 * trips are, the counter left at its last value; otherwise the trips `plain` writes.
 */
export function dotTrips(d: DotLoop | undefined, names: Names, inside: ReadonlySet<string>, plain: () => string[]): () => string[] {
  if (!d) return plain;
  return () => {
    const scope = names.scope(inside);
    if (!d.reads.every((r) => scope.hoisted?.(elementKey(r.name, r.index)))) return plain();
    const z = names.js(d.z);
    const [a, b] = arrays(d, names);
    const rows = ROWS.get(d.s);
    const kernel = [...bases(d, names), `${z} = R.dotForward(${z}, ${a}, ${b}, n);`];
    return [
      'if (frac) {',
      ...plain(),
      '} else {',
      'n = hi >= lo ? Math.floor(hi - lo) + 1 : 0;',
      `if ((it += n) > B) ${BAIL}`,
      'if (n > 0) {',
      // Where the loop around this one computed every unit's z (its row), the trips' value is there.
      ...(rows ? [`if (${rows.out} !== null) ${z} = ${rows.out}[${rows.j} - ${rows.lo}];`, 'else {', ...kernel, '}'] : kernel),
      `${names.js(d.s.name)} = lo + n - 1;`,
      '}',
      '}',
    ];
  };
}

/**
 * The adjoint sweep's trips of an integer-start loop (`lo`, `n` and z's adjoint `g` in scope):
 * the range test again, on the values the forward sweep saw, then one kernel call where it
 * passes; otherwise the trips `plain` writes.
 */
export function dotAdjointTrips(d: DotLoop | undefined, names: Names, active: ReadonlySet<string>, adj: (name: string) => string, plain: string[]): string[] {
  if (!d || !active.has(d.z) || !d.reads.some((r) => active.has(r.name))) return plain;
  const [A, B] = d.reads;
  const h = hoist(d.s, names.scope(new Set()), new Set());
  if (!h || !d.reads.every((r) => h.keys.has(elementKey(r.name, r.index)))) return plain;
  const [a, b] = arrays(d, names);
  const da = active.has(A.name) ? adj(A.name) : 'null';
  const db = active.has(B.name) ? adj(B.name) : 'null';
  return ['const hi = lo + n - 1;', ...h.lines, `if (${h.flag}) {`, ...bases(d, names), `R.dotAdjoint(g, ${da}, ${a}, ${db}, ${b}, n);`, '} else {', ...plain, '}'];
}
