// peers: gradlab beside the libraries one would otherwise reach for. mathjs for symbolic
// derivatives (peers-mathjs.ts); TensorFlow.js for a training step and for a gradient at scale.
import { compile } from '../../diff/fn';
import { differentiators } from '../../diff/registry';
import { trace } from '../../diff/trace';
import { breathe, digitsOf, mixedError, steadySeconds, type Progress } from '../measure';
import { loadTfjs, TFJS_MISSING, tfjsNote, tfjsRosenbrock, type Tfjs } from '../tfjs';
import type { CostRow, PeerRow, TrainingRow } from '../types';
import { ROSENBROCK, rosenbrockGradient, rosenbrockPoint } from '../workloads';
import { COST_WORKLOAD } from './cost';
import { mathjsStudy, type MathjsOptions } from './peers-mathjs';
import { networkName, trainingStudy } from './training';

export interface TfjsOptions {
  readonly enabled: boolean;
  /** n for the Rosenbrock gradient. */
  readonly rosenbrockSizes: readonly number[];
  readonly networks: readonly (readonly number[])[];
  readonly batch: number;
  /** Seconds spent timing each case. */
  readonly budget: number;
}

export interface PeersOptions {
  readonly mathjs: Omit<MathjsOptions, 'onProgress'>;
  readonly tfjs: TfjsOptions;
  /** Rows the training and cost studies measured in this run, reused rather than measured again. */
  readonly previous?: { readonly training?: readonly TrainingRow[]; readonly cost?: readonly CostRow[] };
  readonly onProgress?: Progress;
}

const ratioOf = (a: number | null, b: number | null): number | null => (a === null || b === null || b === 0 ? null : a / b);

function tfjsRow(workload: string, metric: string, gradlab: number | null, peerValue: number | null, note: string): PeerRow {
  return { peer: 'tfjs', workload, metric, gradlab, peerValue, ratio: ratioOf(gradlab, peerValue), note };
}

/** gradlab's reverse mode and hand-derived backprop against TF.js, per network. */
async function trainingRows(tf: Tfjs | null, options: TfjsOptions, previous: readonly TrainingRow[] | undefined): Promise<PeerRow[]> {
  const out: PeerRow[] = [];
  for (const sizes of options.networks) {
    const network = networkName(sizes);
    const mine = (previous ?? []).filter((r) => r.network === network && r.batch === options.batch);
    const rows = ['manual', 'reverse', 'tfjs'].every((m) => mine.some((r) => r.method === m))
      ? mine
      : await trainingStudy({ networks: [sizes], batch: options.batch, budget: options.budget, tfjs: tf !== null, methods: ['manual', 'reverse'] });
    const seconds = (m: string) => rows.find((r) => r.method === m)?.secondsPerStep ?? null;
    const note = tf ? tfjsNote(tf) : TFJS_MISSING;
    const workload = `training step ${network}, batch ${options.batch}`;
    out.push(tfjsRow(workload, 'seconds per step (gradlab reverse)', seconds('reverse'), seconds('tfjs'), note));
    out.push(tfjsRow(workload, 'seconds per step (gradlab manual)', seconds('manual'), seconds('tfjs'), note));
    await breathe();
  }
  return out;
}

/** ∇ Rosenbrock: gradlab's reverse mode (float64, scalar graph) against tf.grad (float32, whole-vector ops). */
function rosenbrockRows(tf: Tfjs | null, n: number, options: TfjsOptions, previous: readonly CostRow[] | undefined): PeerRow[] {
  const at = rosenbrockPoint(n);
  const workload = `${COST_WORKLOAD}, n = ${n}`;
  const earlier = previous?.find((r) => r.workload === COST_WORKLOAD && r.n === n && r.method === 'reverse')?.secondsPerGradient;
  const fn = compile(ROSENBROCK);
  trace(fn, at);
  const ours = differentiators.reverse.gradient(fn, at).result;
  const gradlab = earlier ?? steadySeconds(() => differentiators.reverse.gradient(fn, at), options.budget);
  // float32 has no hope of 16 digits, so the hand-written float64 gradient is reference enough.
  const exact = new Float64Array(n);
  rosenbrockGradient(Float64Array.from(at.x), exact);
  const want = Array.from(exact);
  const digits = (got: ArrayLike<number>) => digitsOf(mixedError(Array.from(got), want));
  if (!tf) {
    return [
      tfjsRow(workload, 'seconds per gradient (gradlab reverse)', gradlab, null, TFJS_MISSING),
      tfjsRow(workload, 'correct digits (against the float64 hand-written gradient)', digits(ours), null, TFJS_MISSING),
    ];
  }
  const { gradient, dispose } = tfjsRosenbrock(tf, at.x);
  try {
    const theirs = gradient();
    const note = `${tfjsNote(tf)}; tf.grad over whole-vector ops`;
    return [
      tfjsRow(workload, 'seconds per gradient (gradlab reverse)', gradlab, steadySeconds(gradient, options.budget), note),
      tfjsRow(workload, 'correct digits (against the float64 hand-written gradient)', digits(ours), digits(theirs), note),
    ];
  } finally {
    dispose();
  }
}

export async function peersStudy(options: PeersOptions): Promise<PeerRow[]> {
  const t = options.tfjs;
  const tfjsSteps = t.enabled ? t.networks.length + t.rosenbrockSizes.length : 0;
  let mathjsTotal = 0;
  const mathjs = await mathjsStudy({
    ...options.mathjs,
    onProgress: (done, total) => {
      mathjsTotal = total;
      options.onProgress?.(done, total + tfjsSteps);
    },
  });
  if (!t.enabled) return mathjs;
  const tf = await loadTfjs();
  const rows = [...mathjs, ...(await trainingRows(tf, t, options.previous?.training))];
  options.onProgress?.(mathjsTotal + t.networks.length, mathjsTotal + tfjsSteps);
  for (const [i, n] of t.rosenbrockSizes.entries()) {
    rows.push(...rosenbrockRows(tf, n, t, options.previous?.cost));
    options.onProgress?.(mathjsTotal + t.networks.length + i + 1, mathjsTotal + tfjsSteps);
    await breathe();
  }
  return rows;
}
