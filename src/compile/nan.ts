// Where the generated primal must test for NaN. A NaN carries itself through arithmetic, so a
// scalar assignment needs no test of its own when its variable's NaN is sure to reach a point
// that is tested anyway (a condition, a loop bound, a stored element, a masking call's argument,
// the result) before anything overwrites it; the interpreter, rerun on the bail, then names the
// call that made it, as it does today.
import type { Cond, Expr, Stmt } from '../ast';
import { PRIMITIVES } from '../primitives';
import type { Kind } from './analyze';
import { propagatesNaN } from './source';

/** The scalar assignments left untested, and the variables they assign (every read of which, at
 *  a tested point, tests it). */
export interface NaNPlan {
  readonly untested: ReadonlySet<Stmt>;
  readonly dirty: ReadonlySet<string>;
}

/**
 * The plan for a body of statements (the final return in place). In the primal (`returns`) a
 * `return` ends the run and running off the end bails, which reruns the interpreter: every NaN
 * is caught there. The reverse sweep's forward half only records the result and runs on into the
 * adjoint sweep, so there a `return` tests its value and nothing after the body is caught.
 */
export function nanPlan(body: readonly Stmt[], kinds: ReadonlyMap<string, Kind>, returns = true): NaNPlan {
  const scalars = new Set([...kinds].filter(([, k]) => k === 'scalar').map(([name]) => name));
  const plan = new Plan(kinds, returns);
  plan.block(body, returns ? scalars : EMPTY, scalars);
  const dirty = new Set<string>();
  for (const s of plan.untested) if (s.kind === 'assign') dirty.add(s.name);
  return { untested: plan.untested, dirty };
}

/**
 * A backward must-analysis: `safe` at a point is the set of scalar variables whose NaN, held
 * there, surely reaches a test (or a bail) on every path on. An assignment `v = e` is left
 * untested when v is safe after it; before it, v's old value is gone and e's propagating
 * variables inherit v's fate (tested or carried into v). Loops take the greatest fixpoint.
 */
class Plan {
  readonly untested = new Set<Stmt>();

  constructor(
    private readonly kinds: ReadonlyMap<string, Kind>,
    private readonly returns: boolean,
  ) {}

  block(body: readonly Stmt[], after: ReadonlySet<string>, all: ReadonlySet<string>): ReadonlySet<string> {
    let safe = after;
    for (let i = body.length - 1; i >= 0; i--) safe = this.stmt(body[i], safe, all);
    return safe;
  }

  private stmt(s: Stmt, after: ReadonlySet<string>, all: ReadonlySet<string>): ReadonlySet<string> {
    switch (s.kind) {
      case 'assign': {
        if (this.kinds.get(s.name) !== 'scalar') return union(after, this.prop(s.value));
        // Tested or not, the value's NaN is caught: by its own test, or where v's is.
        if (after.has(s.name)) this.untested.add(s);
        else this.untested.delete(s);
        const before = new Set(after);
        before.delete(s.name);
        return union(before, this.prop(s.value));
      }
      case 'assignIndex':
      case 'expr':
        // The stored element and the expression statement's value are tested.
        return union(after, this.prop(s.value));
      case 'return':
        return this.returns ? this.prop(s.value) : union(after, this.prop(s.value));
      case 'if':
        return union(this.cond(s.cond), meet(this.block(s.then, after, all), this.block(s.else ?? [], after, all)));
      case 'while':
        return fixpoint(all, (head) => union(this.cond(s.cond), meet(after, this.block(s.body, head, all))));
      case 'for': {
        // Each trip overwrites the counter; a loop of no trips leaves it as it was.
        const head = fixpoint(all, (h) => {
          const body = new Set(this.block(s.body, h, all));
          body.delete(s.name);
          return meet(after, body);
        });
        return union(union(head, this.prop(s.from)), this.prop(s.to));
      }
    }
  }

  /** The variables a condition surely tests: those of its first comparison (`and`, `or` may
   *  skip the rest). */
  private cond(c: Cond): ReadonlySet<string> {
    if (c.kind === 'compare') return union(this.prop(c.left), this.prop(c.right));
    return this.cond(c.kind === 'logical' ? c.left : c.arg);
  }

  /** The scalar variables whose NaN surely makes e NaN (vectors never hold an untested NaN:
   *  stored elements and literal items are tested). A masking call claims nothing. */
  private prop(e: Expr): ReadonlySet<string> {
    switch (e.kind) {
      case 'variable':
        return this.kinds.get(e.name) === 'scalar' ? new Set([e.name]) : EMPTY;
      case 'vector':
        return e.items.reduce((s, item) => union(s, this.prop(item)), EMPTY);
      case 'call': {
        const p = PRIMITIVES.get(e.op)!;
        // pow's exponent decides by its text: only a plain nonzero number literal is sure.
        const exponent = e.op === 'pow' && e.args[1]?.kind === 'number' ? String(e.args[1].value) : 'unknown';
        if (e.op === 'pow' ? exponent === 'unknown' || !propagatesNaN(p, ['', exponent]) : !propagatesNaN(p, [])) return EMPTY;
        return e.args.reduce((s, a) => union(s, this.prop(a)), EMPTY);
      }
      default:
        return EMPTY;
    }
  }
}

const EMPTY: ReadonlySet<string> = new Set();

function union(a: ReadonlySet<string>, b: ReadonlySet<string>): ReadonlySet<string> {
  if (b.size === 0) return a;
  if (a.size === 0) return b;
  return new Set([...a, ...b]);
}

function meet(a: ReadonlySet<string>, b: ReadonlySet<string>): ReadonlySet<string> {
  return new Set([...a].filter((x) => b.has(x)));
}

/** The greatest fixpoint of a monotone step over sets, from the set of all scalars. */
function fixpoint(all: ReadonlySet<string>, step: (s: ReadonlySet<string>) => ReadonlySet<string>): ReadonlySet<string> {
  let s = all;
  for (;;) {
    const next = step(s);
    if (next.size === s.size && [...next].every((x) => s.has(x))) return next;
    s = next;
  }
}
