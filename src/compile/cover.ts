// Where generated code tests its one vector input's elements itself, so that the public verbs
// need no pass of their own over a Float64Array point: a top-level `for` loop whose straight-line
// body reads v[k + d] reads elements lo + d … hi + d on its trips, each read is added to a sum IC
// (a sum with a non-finite term is non-finite, and stays so), and the code says the point is
// finite only where IC is finite and the loops' ranges together cover 1 … length(v). Anything
// else (a bail, a loop of no trips, a read the plan does not prove, a sum that overflowed) leaves
// the verb's own check to run.
import type { Expr, Stmt } from '../ast';
import type { Kind } from './analyze';
import { walk } from './analyze';
import { elementKey, indexReads } from './hoist';

type ForStmt = Extract<Stmt, { kind: 'for' }>;

export interface Cover {
  /** Per covering loop, the offsets d of its reads v[k + d]. */
  readonly loops: ReadonlyMap<ForStmt, readonly number[]>;
  /** The element reads tested where they are read (elementKey). */
  readonly keys: ReadonlySet<string>;
}

/** The plan for a body whose only input is the vector `inputs[0]` and is never written; `takes`
 *  says which loops the generator runs as plain trips (not a kernel's code). */
export function coverPlan(body: readonly Stmt[], inputs: readonly string[], kinds: ReadonlyMap<string, Kind>, takes: (s: ForStmt) => boolean = () => true): Cover | undefined {
  if (inputs.length !== 1 || kinds.get(inputs[0]) !== 'vector') return undefined;
  const v = inputs[0];
  for (const s of walk(body)) if ((s.kind === 'assign' || s.kind === 'assignIndex' || s.kind === 'for') && s.name === v) return undefined;
  const loops = new Map<ForStmt, number[]>();
  const keys = new Set<string>();
  for (const s of body) {
    // A statement that may return ends the loops sure to run.
    if ([...walk([s])].some((t) => t.kind === 'return')) break;
    if (s.kind !== 'for' || !takes(s) || !s.body.every((b) => b.kind === 'assign' || b.kind === 'assignIndex' || b.kind === 'expr')) continue;
    if (s.body.some((b) => b.kind !== 'expr' && b.name === s.name)) continue;
    const ds = new Set<number>();
    for (const b of s.body) {
      for (const e of b.kind === 'assignIndex' ? [b.index, b.value] : [b.value]) {
        for (const r of indexReads(e)) {
          const d = r.name === v ? offset(r.index, s.name) : undefined;
          if (d === undefined) continue;
          ds.add(d);
          keys.add(elementKey(r.name, r.index));
        }
      }
    }
    if (ds.size) loops.set(s, [...ds]);
  }
  return loops.size ? { loops, keys } : undefined;
}

/** d where the index is k, k + d, d + k or k − d for an integer literal d. */
function offset(e: Expr, k: string): number | undefined {
  const isK = (x: Expr) => x.kind === 'variable' && x.name === k;
  const lit = (x: Expr) => (x.kind === 'number' && Number.isSafeInteger(x.value) ? x.value : undefined);
  if (isK(e)) return 0;
  if (e.kind !== 'call' || e.args.length !== 2) return undefined;
  const [a, b] = e.args;
  if (e.op === 'add') return isK(a) ? lit(b) : isK(b) ? lit(a) : undefined;
  if (e.op === 'subtract' && isK(a)) {
    const d = lit(b);
    return d === undefined ? undefined : -d;
  }
  return undefined;
}

/** Lines after a covering loop's `lo` and `hi` are set: the elements its trips read, as 1-based
 *  ranges pushed onto CV (an integer lo only: the reads of a fractional counter bail). */
export function coverLines(c: Cover | undefined, s: ForStmt): string[] {
  const ds = c?.loops.get(s);
  if (!ds) return [];
  return [`if (Number.isInteger(lo) && hi >= lo) CV.push(${ds.map((d) => `lo + ${d}, Math.floor(hi) + ${d}`).join(', ')});`];
}

/** The head's declarations, and the expression saying the point is finite (false without a plan). */
export const coverHead = (c: Cover | undefined): string[] => (c ? ['let IC = 0;', 'const CV = [];'] : []);
export const coverOk = (c: Cover | undefined): string => (c ? 'IC - IC === 0 && R.covered(CV, len[0])' : 'false');
