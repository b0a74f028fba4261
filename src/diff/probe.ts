// Where a point sits near a kink or a branch boundary: the path signature of a float run
// (branch outcomes, kink sides) compared across the points a finite-difference stencil visits.
import type { CompareOp, Span } from '../ast';
import { float, type Domain } from '../interpret/domain';
import { defaultStep } from './finite';
import type { Fn, Layout } from './fn';
import { run } from './trace';

interface Mark {
  readonly what: string;
  readonly span?: Span;
  readonly side: number | boolean;
}

function signature(fn: Fn, layout: Layout, x: Float64Array): Mark[] {
  const marks: Mark[] = [];
  const domain: Domain<number> = {
    ...float,
    apply(op, args) {
      // Ops whose derivative jumps say, in their table row, which side of the jump args are on.
      if (op.kink) marks.push({ what: `a kink of ${op.name}`, side: op.kink(args) });
      return float.apply(op, args);
    },
    compare(op: CompareOp, a, b, site) {
      const holds = op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : op === '>=' ? a >= b : op === '==' ? a === b : a !== b;
      marks.push({ what: `the boundary of the ${site.kind} at ${site.span.line}:${site.span.column}`, span: site.span, side: holds });
      return holds;
    },
  };
  run(fn, layout, domain, (j) => x[j], { maxIterations: 1e6 });
  return marks;
}

/** Warnings for every kink or branch boundary that lies within a central-difference step. */
export function nearBoundaries(fn: Fn, layout: Layout, x: Float64Array, maxInputs = 64): string[] {
  if (layout.n > maxInputs) return [];
  let here: Mark[];
  try {
    here = signature(fn, layout, x);
  } catch {
    return [];
  }
  const found = new Set<string>();
  for (let j = 0; j < layout.n; j++) {
    const h = defaultStep('central', x[j]);
    for (const dir of [1, -1]) {
      const p = Float64Array.from(x);
      p[j] += dir * h;
      let there: Mark[];
      try {
        there = signature(fn, layout, p);
      } catch {
        continue;
      }
      const k = here.findIndex((m, i) => there[i] === undefined || m.what !== there[i].what || m.side !== there[i].side);
      const at = k >= 0 ? here[k] : here.length !== there.length ? here[here.length - 1] : undefined;
      if (at) found.add(`the point is within a step (${h.toExponential(1)}) of ${at.what}: finite differences straddle it`);
    }
  }
  return [...found];
}
