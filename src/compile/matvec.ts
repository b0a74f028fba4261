// Reverse mode's loop over units around a dot-product loop (a matrix–vector product):
// `for j = a:b { …; z = c; for i = p:q { z = z + A[e₁] * B[e₂] }; … }` with e₁, e₂ affine in i and
// j together, c a number, and nothing in the body writing A, B, or what the indices and i's bounds
// read. Before the trips over j, where every unit's reads are in range (tested at the four corners
// of the (j, i) rectangle: an affine index takes its extremes there) and the inner trips fit the
// budget, one kernel call computes every unit's z, four units at a time, each unit's additions in
// its own trips' order (dot-kernels.ts); each trip then takes its z from that row instead of
// running its own kernel call. Otherwise, and in the copies of the loop that check every read,
// the trips run as before (dot.ts), so the results are the same to the bit, bails included.
import type { Expr, Stmt } from '../ast';
import { walk } from './analyze';
import { dotLoop, ROWS, type Rows } from './dot';
import type { Names } from './emit';
import type { Scope } from './flatten';
import { affineIn, textAt } from './hoist';

type ForStmt = Extract<Stmt, { kind: 'for' }>;
type Read = Extract<Expr, { kind: 'index' }>;

interface Site {
  readonly inner: ForStmt;
  readonly c: number;
  readonly reads: readonly [Read, Read];
}

/** Names a statement list writes: assigned, written into by element, or loop counters. */
function written(body: readonly Stmt[]): Set<string> {
  const out = new Set<string>();
  for (const s of walk(body)) if (s.kind === 'assign' || s.kind === 'assignIndex' || s.kind === 'for') out.add(s.name);
  return out;
}


/** The first `z = c` directly followed by a dot-product loop over z in the outer loop's body whose
 *  reads and bounds qualify (see the header). */
function site(s: ForStmt, scope: Scope, active: ReadonlySet<string>): Site | undefined {
  const changed = written(s.body);
  if (changed.has(s.name)) return undefined;
  const fixed = (name: string) => !changed.has(name);
  for (let k = 1; k < s.body.length; k++) {
    const [init, inner] = [s.body[k - 1], s.body[k]];
    if (init.kind !== 'assign' || init.value.kind !== 'number' || inner.kind !== 'for' || inner.body.length !== 1) continue;
    const b = inner.body[0];
    if (b.kind !== 'assign' || b.name !== init.name || b.name === inner.name || b.value.kind !== 'call' || b.value.op !== 'add' || b.value.args.length !== 2) continue;
    const [head, term] = b.value.args;
    if (head.kind !== 'variable' || head.name !== b.name) continue;
    const d = dotLoop(inner, b.name, term, active);
    if (!d) continue;
    const counters = [s.name, inner.name];
    const reads = d.reads.every((r) => fixed(r.name) && scope.kind(r.name) === 'vector' && affineIn(r.index, counters, fixed, scope));
    const bounds = [inner.from, inner.to].every((e) => affineIn(e, counters, fixed, scope)?.size === 0);
    if (reads && bounds) return { inner, c: init.value.value, reads: d.reads };
  }
  return undefined;
}

let serial = 0;

/**
 * The forward sweep's loop over units (`lo`, `hi` in scope, the loop's counter left alone by its
 * body): where it holds a qualifying dot-product loop, the lines computing every unit's row, then
 * the trips `trips` writes with that loop reading its row; otherwise just the trips.
 */
export function matvecTrips(s: ForStmt, names: Names, active: ReadonlySet<string>, trips: () => string[]): string[] {
  const scope = names.scope(new Set());
  const found = site(s, scope, active);
  if (!found) return trips();
  const id = serial++;
  const rows: Rows = { out: `M${id}`, lo: `M${id}lo`, j: names.js(s.name) };
  const [i, j] = [found.inner.name, s.name];
  const tests = ['Number.isSafeInteger(lo)', 'Number.isSafeInteger(Math.floor(hi))', 'Number.isSafeInteger(plo)', 'Number.isSafeInteger(Math.floor(phi))'];
  const bases: string[] = [];
  found.reads.forEach((r, q) => {
    for (const jt of ['lo', 'Math.floor(hi)']) {
      for (const it of ['plo', 'Math.floor(phi)']) {
        const parts: string[] = [];
        const x = textAt(r.index, { [j]: jt, [i]: it }, scope, parts);
        tests.push(...parts.filter((p) => p !== jt && p !== it && !/^-?\d+$/.test(p)).map((p) => `Number.isSafeInteger(${p})`), `${x} >= 1`, `${x} <= ${scope.js(r.name)}?.length`);
      }
    }
    const at = (jt: string, it: string) => textAt(r.index, { [j]: jt, [i]: it }, scope, []);
    bases.push(`const k${q} = ${at('lo', 'plo')} - 1, s${q} = n > 1 ? ${at('lo', '(plo + 1)')} - 1 - k${q} : 0, t${q} = m > 1 ? ${at('(lo + 1)', 'plo')} - 1 - k${q} : 0;`);
  });
  const [A, B] = found.reads.map((r) => names.js(r.name));
  const bound = (e: Expr) => textAt(e, {}, scope, []);
  const lines = [
    `let ${rows.out} = null;`,
    `const ${rows.lo} = lo;`,
    '{',
    'const m = hi >= lo ? Math.floor(hi - lo) + 1 : 0;',
    `const plo = ${bound(found.inner.from)}, phi = ${bound(found.inner.to)};`,
    'const n = phi >= plo ? Math.floor(phi - plo) + 1 : 0;',
    // The rows are work the trips would do: only where the budget allows all of it.
    `if (m > 0 && n > 0 && it + m * n <= B && ${[...new Set(tests)].join(' && ')}) {`,
    ...bases,
    `${rows.out} = R.rowBuffer(${ROWS.size}, m);`,
    `R.dotRows(${rows.out}, ${String(found.c)}, ${A}, k0, s0, t0, ${B}, k1, s1, t1, n, m);`,
    '}',
    '}',
  ];
  ROWS.set(found.inner, rows);
  try {
    return [...lines, ...trips()];
  } finally {
    ROWS.delete(found.inner);
  }
}
