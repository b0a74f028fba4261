// peers, mathjs: gradlab's symbolic derivative against mathjs's derivative + simplify on the
// accuracy suite's one-variable expressions and on the product that makes simplifiers swell.
import * as ast from '../../ast';
import type { Expr } from '../../ast';
import { differentiate, type Derivative } from '../../diff/symbolic';
import { compile } from '../../diff/fn';
import { float } from '../../interpret/domain';
import { inputsOf } from '../../interpret/inputs';
import { interpret } from '../../interpret/interpret';
import { parseExpression } from '../../parse/parse';
import { print } from '../../print/print';
import { MathjsPeer, type MathjsAnswer } from '../mathjs-peer';
import { attempt, breathe, digitsOf, median, mixedError, timed, type Progress } from '../measure';
import type { PeerRow } from '../types';
import { ACCURACY_SUITE, product, type Workload } from '../workloads';
import { referencePoints } from './accuracy';

export interface MathjsOptions {
  /** Points per expression at which both derivatives are checked against the reference. */
  readonly points: number;
  /** Timing repetitions per expression (the median is kept), within `budget` seconds. */
  readonly reps: number;
  readonly budget: number;
  /** Seconds mathjs may take on one expression before it is stopped. */
  readonly timeout: number;
  /** k for the products (x+1)…(x+k). */
  readonly productSizes: readonly number[];
  readonly workloads?: readonly Workload[];
  readonly seed?: number;
  readonly onProgress?: Progress;
}

export const METRICS = {
  seconds: 'seconds (derivative + simplify)',
  nodes: 'derivative nodes (simplified, as a tree)',
  digits: 'median correct digits',
} as const;

/** The suite's expressions of x alone: what mathjs's `derivative` takes. */
export function oneVariable(suite: readonly Workload[]): Workload[] {
  return suite.filter((w) => {
    if (w.kind !== 'expression' && w.kind !== 'seed') return false;
    const e = attempt(() => parseExpression(w.source));
    return e.ok && compile(w.source).inputs.join() === 'x';
  });
}

/** gradlab's side: derive + simplify time (median over repetitions), size, and values at xs. */
function gradlabSide(source: string, xs: readonly number[], reps: number, budget: number) {
  const e = parseExpression(source);
  // Repeated as the mathjs worker repeats its side, the first (cold) run included on both.
  const times: number[] = [];
  let d: Derivative;
  do {
    const t = timed(() => differentiate(e, 'x'));
    times.push(t.seconds);
    d = t.value;
  } while (times.length < reps && times.reduce((a, b) => a + b, 0) < budget);
  const expr: Expr = d.pieces[0].expr;
  const program = ast.program([{ kind: 'expr', value: expr, span: expr.span }]);
  // A derivative may no longer mention x (d/dx of sin² + cos² is 0), and then takes no input.
  const inputs = (x: number): Record<string, number> => (inputsOf(program).length ? { x } : {});
  const values = xs.map((x) => {
    const v = attempt(() => interpret(program, float, inputs(x)) as number);
    return v.ok ? v.value : null;
  });
  return { seconds: median(times), nodes: d.treeNodes, values };
}

const digitsAt = (values: readonly (number | null)[], want: readonly number[]): number | null => {
  const digits = values.flatMap((v, i) => (v === null ? [] : [digitsOf(mixedError([v], [want[i]]))]));
  return digits.length === values.length && digits.length > 0 ? median(digits) : null;
};

const ratioOf = (a: number | null, b: number | null): number | null => (a === null || b === null || b === 0 ? null : a / b);

/** One side of the comparison; `digits` is left out where no points were checked. */
interface Side {
  readonly seconds: number | null;
  readonly nodes: number | null;
  readonly digits?: number | null;
}

function theirSide(answer: MathjsAnswer | null, want: readonly number[] | null): Side {
  const ok = answer !== null && answer.ok ? answer : null;
  return { seconds: ok?.seconds ?? null, nodes: ok?.nodes ?? null, ...(want ? { digits: ok ? digitsAt(ok.values, want) : null } : {}) };
}

function rows(workload: string, ours: Side, theirs: Side, note: string | undefined): PeerRow[] {
  const row = (metric: string, gradlab: number | null, peerValue: number | null): PeerRow => ({
    peer: 'mathjs',
    workload,
    metric,
    gradlab,
    peerValue,
    ratio: ratioOf(gradlab, peerValue),
    ...(note ? { note } : {}),
  });
  return [
    row(METRICS.seconds, ours.seconds, theirs.seconds),
    row(METRICS.nodes, ours.nodes, theirs.nodes),
    ...(ours.digits !== undefined ? [row(METRICS.digits, ours.digits, theirs.digits ?? null)] : []),
  ];
}

const noteOf = (answer: MathjsAnswer | null, timeout: number): string | undefined =>
  answer === null ? `mathjs stopped after ${timeout} s` : answer.ok ? undefined : `mathjs: ${answer.error}`;

export async function mathjsStudy(options: MathjsOptions): Promise<PeerRow[]> {
  const suite = oneVariable(options.workloads ?? ACCURACY_SUITE);
  const total = suite.length + options.productSizes.length;
  const peer = new MathjsPeer(options.timeout);
  const out: PeerRow[] = [];
  try {
    for (const [i, w] of suite.entries()) {
      const points = referencePoints(compile(w.source), w, options.points, options.seed ?? 1);
      const xs = points.map((p) => p.at.x as number);
      const want = points.map((p) => p.want[0]);
      const ours = gradlabSide(w.source, xs, options.reps, options.budget);
      // mathjs reads gradlab's canonical print of the expression (explicit `*` where gradlab
      // multiplies implicitly, as in x(6 - 2), which mathjs would call as a function).
      const theirs = await peer.derive(print(parseExpression(w.source)), xs, options.reps, options.budget);
      out.push(...rows(w.name, { ...ours, digits: digitsAt(ours.values, want) }, theirSide(theirs, want), noteOf(theirs, options.timeout)));
      options.onProgress?.(i + 1, total);
      await breathe();
    }
    for (const [i, k] of options.productSizes.entries()) {
      const source = product(k);
      const ours = gradlabSide(source, [], options.reps, options.budget);
      // One run: these are the expressions on which mathjs's simplifier takes exponential time.
      const theirs = await peer.derive(print(parseExpression(source)), [], 1, 0);
      out.push(...rows(`(x+1)(x+2)…(x+${k})`, { seconds: ours.seconds, nodes: ours.nodes }, theirSide(theirs, null), noteOf(theirs, options.timeout)));
      options.onProgress?.(suite.length + i + 1, total);
      await breathe();
    }
  } finally {
    peer.close();
  }
  return out;
}
