// The rules' algebra over dual numbers of JavaScript source: a value's text and its tangent's text
// in lane `l`, written into one statement's lines (values once, then one loop over the lanes). The
// forward-over-reverse generator (hvp.ts) takes the tangents of the table's partials from it, so
// no rule is restated.
import { partialOf, PRIMITIVES, type Algebra, type Primitive } from '../primitives';
import type { Arg } from './flatten';
import { literal, literalValue, SOURCE } from './source';

/** A value in the dual algebra over source text: JavaScript for the value and for its tangent in
 *  lane `l` (null: no tangent, exactly zero). */
export interface Dual {
  readonly v: string;
  readonly t: string | null;
}

const SIMPLE = /^[\w.]+$/;
const simple = (s: string) => SIMPLE.test(s) || literalValue(s) !== undefined;

/** One statement's lines: values once (pre), then one loop over the lanes (lane). */
export class Lanes {
  readonly pre: string[] = [];
  readonly lane: string[] = [];
  /** Tangents of the statement's intermediate values, computed once. */
  readonly memo = new Map<Arg, string | null>();
  readonly winners = new Map<Arg, string>();
  /** Whether the dot length check is already in pre. */
  readonly checked = new Set<Arg>();
  /** Whether pre reads whole tangent arrays (a run-time n-ary call), so the adjoint sweep must
   *  restore the target's lanes before pre, not in the lane loop. */
  readsLanes = false;

  constructor(private readonly ids: { n: number }) {}

  id(): number {
    return this.ids.n++;
  }

  val(text: string): string {
    if (simple(text)) return text;
    const c = `hc${this.id()}`;
    this.pre.push(`const ${c} = ${text};`);
    return c;
  }

  tan(text: string): string {
    if (simple(text)) return text;
    const u = `hu${this.id()}`;
    this.lane.push(`const ${u} = ${text};`);
    return u;
  }

  loop(first: readonly string[] = [], last: readonly string[] = []): string[] {
    const body = [...first, ...this.lane, ...last];
    return body.length ? ['for (let l = 0; l < W; l++) {', ...body, '}'] : [];
  }
}

/** SOURCE with a⁰ = 1 folded (exact: Math.pow(a, 0) is 1 for every a, NaN included), which the
 *  tangent of x^2's partial 2·x¹ meets on every square. */
const TEXT: Algebra<string> = { ...SOURCE, pow: (a, b) => (literalValue(b) === 0 ? '1' : SOURCE.pow(a, b)) };

/** Σᵢ ∂p/∂xᵢ · tᵢ over the arguments with a tangent, the partials by the rule over source text. */
export function tangentSum(cx: Lanes, p: Primitive, args: readonly Dual[], out: string): string | null {
  const vals = args.map((a) => a.v);
  let t: string | null = null;
  args.forEach((a, i) => {
    if (a.t === null) return;
    const term = SOURCE.mul(cx.val(partialOf(p, i)(TEXT, vals, out, i)), a.t);
    t = t === null ? term : SOURCE.add(t, term);
  });
  return t === null ? null : cx.tan(t);
}

/** The rules' algebra over duals of source text, writing into one statement's lines. */
export function dualAlgebra(cx: Lanes): Algebra<Dual> {
  const apply = (op: string, args: readonly Dual[], value: string): Dual => {
    const v = cx.val(value);
    return { v, t: tangentSum(cx, PRIMITIVES.get(op)!, args, v) };
  };
  return {
    lift: (c) => ({ v: literal(c), t: null }),
    add: (a, b) => apply('add', [a, b], SOURCE.add(a.v, b.v)),
    sub: (a, b) => apply('subtract', [a, b], SOURCE.sub(a.v, b.v)),
    mul: (a, b) => apply('multiply', [a, b], SOURCE.mul(a.v, b.v)),
    div: (a, b) => apply('divide', [a, b], SOURCE.div(a.v, b.v)),
    neg: (a) => apply('unaryMinus', [a], SOURCE.neg(a.v)),
    pow: (a, b) => apply('pow', [a, b], SOURCE.pow(a.v, b.v)),
    call: (op, ...args) => apply(op, args, SOURCE.call(op, ...args.map((a) => a.v))),
  };
}
