// The sections on what a gradient costs: time against n, symbolic swell, a training step, and the
// peer libraries, each stating gradlab's ratios (reverse ÷ evaluation, method ÷ manual, ÷ peers).
import type { CostRow, PeerRow, SwellRow, TrainingCurve, TrainingRow } from '../types';
import { clip, count, digits, distinct, duration, figure, median, quotient, ratio } from './format';
import { table, type Section } from './model';

const isTime = (metric: string) => /second|time|\bms\b|\bs\b|latency/i.test(metric);

function peerValue(metric: string, v: number | null): string {
  return isTime(metric) ? duration(v) : figure(v);
}

const PEER_NAMES = { tfjs: 'TF.js', mathjs: 'mathjs' } as const;

/** Peer rows about a training step (the rest are about gradients and derivatives). */
export const aboutTraining = (p: PeerRow) => /\bstep\b|training/i.test(`${p.metric} ${p.workload}`);

/**
 * gradlab ÷ peer per metric: each workload's ratio where there are a few, else the median and the
 * range over them (`seconds (derivative + simplify): median 0.006× over 40 workloads, 0.0004× to 0.03×`).
 */
export function peerFindings(rows: readonly PeerRow[]): string[] {
  return (['tfjs', 'mathjs'] as const).flatMap((peer) => {
    const own = rows.filter((r) => r.peer === peer);
    if (own.length === 0) return [];
    if (own.every((r) => r.ratio === null)) {
      const notes = distinct(own.flatMap((r) => (r.note ? [r.note] : [])));
      return [`gradlab ÷ ${PEER_NAMES[peer]}: no ratio${notes.length ? ` (${notes.slice(0, 2).map((n) => clip(n, 100)).join('; ')})` : ''}.`];
    }
    const parts = distinct(own.map((r) => r.metric)).map((metric) => {
      const ofMetric = own.filter((r) => r.metric === metric);
      const ratios = ofMetric.flatMap((r) => (r.ratio === null ? [] : [r.ratio]));
      const faster = isTime(metric) && ratios.length ? (median(ratios)! < 1 ? ' (gradlab faster)' : median(ratios)! > 1 ? ' (gradlab slower)' : '') : '';
      if (ofMetric.length <= 3) return `${metric}: ${ofMetric.map((r) => `${ratio(r.ratio)} on ${r.workload}${r.ratio === null && r.note ? ` (${clip(r.note, 80)})` : ''}`).join(', ')}${faster}`;
      const missing = ofMetric.length - ratios.length;
      const spread = ratios.length > 1 ? `, ${ratio(Math.min(...ratios))} to ${ratio(Math.max(...ratios))}` : '';
      return `${metric}: median ${ratio(median(ratios))} over ${ratios.length} workloads${spread}${missing ? ` (${missing} without a ratio)` : ''}${faster}`;
    });
    return [`gradlab ÷ ${PEER_NAMES[peer]}: ${parts.join('; ')}.`];
  });
}

/** What a method did for one gradient, in one cell: evaluations, sweeps, tape, derivative size. */
function work(r: CostRow): string {
  return [
    r.evaluations !== undefined ? `${count(r.evaluations)} evaluations` : '',
    r.sweeps !== undefined ? `${count(r.sweeps)} sweep${r.sweeps === 1 ? '' : 's'}` : '',
    r.tapeLength !== undefined ? `tape ${count(r.tapeLength)}${r.tapeBytes !== undefined ? ` (${figure(r.tapeBytes / 1024)} KiB)` : ''}` : '',
    r.treeNodes !== undefined ? `tree ${count(r.treeNodes)}` : '',
    r.dagNodes !== undefined ? `DAG ${count(r.dagNodes)}` : '',
    r.deriveSeconds !== undefined ? `derived in ${duration(r.deriveSeconds)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

export function costSection(rows: readonly CostRow[], peers: readonly PeerRow[]): Section {
  const workloads = distinct(rows.map((r) => r.workload));
  const hasManual = rows.some((r) => r.method === 'manual');
  const find = (w: string, n: number, m: string) => rows.find((r) => r.workload === w && r.n === n && r.method === m);
  const body = rows.map((r) => {
    const manual = find(r.workload, r.n, 'manual');
    return [
      r.workload,
      count(r.n),
      r.method,
      duration(r.secondsPerGradient),
      duration(r.secondsPerEvaluation),
      ratio(quotient(r.secondsPerGradient, r.secondsPerEvaluation)),
      ...(hasManual ? [ratio(quotient(r.secondsPerGradient, manual?.secondsPerGradient))] : []),
      work(r),
      r.note ?? '',
    ];
  });
  const findings = workloads.flatMap((w) => {
    const own = rows.filter((r) => r.workload === w);
    const ns = distinct(own.map((r) => r.n)).sort((a, b) => a - b);
    const cheap = ns
      .map((n) => ({ n, q: quotient(find(w, n, 'reverse')?.secondsPerGradient, find(w, n, 'reverse')?.secondsPerEvaluation) }))
      .filter((x) => x.q !== null)
      .map((x) => `n = ${count(x.n)}: ${ratio(x.q)}`);
    const top = ns[ns.length - 1];
    const base = find(w, top, 'manual') ? 'manual' : 'reverse';
    const baseline = find(w, top, base)?.secondsPerGradient;
    const others = own
      .filter((r) => r.n === top && r.method !== base)
      .map((r) => ({ m: r.method, q: quotient(r.secondsPerGradient, baseline) }))
      .filter((x) => x.q !== null)
      .map((x) => `${x.m} ${ratio(x.q)}`);
    return [
      ...(cheap.length ? [`${w}: reverse ÷ evaluation ${cheap.join(', ')}.`] : []),
      ...(others.length ? [`${w} at n = ${count(top)}, each method ÷ ${base}: ${others.join(', ')}.`] : []),
    ];
  });
  return {
    study: 'cost',
    title: 'Cost of a gradient',
    shows:
      'Time per gradient against the number of inputs n, beside the time of one evaluation of f. Reverse mode costs a ' +
      'small constant times one evaluation whatever n is (the cheap gradient principle), paid for in tape memory; ' +
      'forward mode needs ⌈n/16⌉ sweeps and central differences 2n + 1 evaluations, so both grow with n; the symbolic ' +
      'method derives once and then evaluates a compiled derivative, whose size sets its cost.',
    findings: [...findings, ...peerFindings(peers.filter((p) => !aboutTraining(p)))],
    tables: [
      table(
        `lrlrrr${hasManual ? 'r' : ''}ll`,
        ['workload', 'n', 'method', 'per gradient', 'per evaluation', '÷ evaluation', ...(hasManual ? ['÷ manual'] : []), 'work', 'note'],
        body,
      ),
    ],
    charts: rows.length ? ['cost'] : [],
  };
}

export function swellSection(rows: readonly SwellRow[]): Section {
  const dagOfExpression = rows.some((r) => r.expressionDagNodes !== undefined);
  const incomplete = rows.some((r) => r.simplifiedComplete === false);
  const simplified = (r: SwellRow, n: number) => `${count(n)}${r.simplifiedComplete === false ? '*' : ''}`;
  const body = rows.map((r) => [
    r.family,
    count(r.k),
    count(r.expressionNodes),
    ...(dagOfExpression ? [count(r.expressionDagNodes)] : []),
    count(r.treeNodes),
    count(r.dagNodes),
    simplified(r, r.simplifiedTreeNodes),
    simplified(r, r.simplifiedDagNodes),
    ratio(quotient(r.treeNodes, r.dagNodes)),
  ]);
  const findings = distinct(rows.map((r) => r.family)).map((family) => {
    const last = rows.filter((r) => r.family === family).reduce((a, b) => (b.k > a.k ? b : a));
    return (
      `${family} at k = ${count(last.k)}: an expression of ${count(last.expressionNodes)} nodes has a derivative of ` +
      `${count(last.treeNodes)} nodes as a tree and ${count(last.dagNodes)} as a DAG (${ratio(quotient(last.treeNodes, last.dagNodes))}), ` +
      `${count(last.simplifiedDagNodes)} once simplified.`
    );
  });
  return {
    study: 'swell',
    title: 'Expression swell',
    shows:
      'The size of the symbolic derivative against the size of the expression, for families indexed by k. Written out ' +
      'as a tree, where a shared subexpression is counted every time it appears, the derivative of a product or a ' +
      'nested composition grows far faster than the expression; as a DAG, each shared subexpression once, which is what ' +
      'gradlab builds, it grows like the expression. The simplifier shortens both.',
    findings,
    tables: [
      table(
        `lrr${dagOfExpression ? 'r' : ''}rrrrr`,
        ['family', 'k', dagOfExpression ? 'expression (tree)' : 'expression', ...(dagOfExpression ? ['expression (DAG)'] : []), 'tree', 'DAG', 'simplified tree', 'simplified DAG', 'tree ÷ DAG'],
        body,
        `node counts${incomplete ? '; * the simplifier stopped at its work budget' : ''}`,
      ),
    ],
    charts: rows.length ? ['swell'] : [],
  };
}

/** Each row's step time ÷ the manual step of its network and batch (the row's own, else computed). */
export function toManual(rows: readonly TrainingRow[], r: TrainingRow): number | null {
  if (r.ratioToManual !== null) return r.ratioToManual;
  const manual = rows.find((m) => m.method === 'manual' && m.network === r.network && m.batch === r.batch);
  return quotient(r.secondsPerStep, manual?.secondsPerStep);
}

export function trainingSection(rows: readonly TrainingRow[], curves: readonly TrainingCurve[], peers: readonly PeerRow[]): Section {
  const runs = distinct(rows.map((r) => JSON.stringify([r.network, r.batch])));
  const findings = runs.flatMap((key) => {
    const [network, batch] = JSON.parse(key) as [string, number];
    const own = rows.filter((r) => r.network === network && r.batch === batch);
    const manual = own.find((r) => r.method === 'manual');
    const others = own.filter((r) => r.method !== 'manual' && toManual(rows, r) !== null).map((r) => `${r.method} ${ratio(toManual(rows, r))}`);
    if (others.length === 0) return [];
    return [`${network}, batch ${batch}${manual ? ` (manual ${duration(manual.secondsPerStep)} per step)` : ''}, each method ÷ manual: ${others.join(', ')}.`];
  });
  const first = rows.some((r) => r.firstStepSeconds !== undefined);
  const steps = table(
    `lrlr${first ? 'r' : ''}rl`,
    ['network', 'batch', 'method', 'per step', ...(first ? ['first step'] : []), '÷ manual', 'note'],
    rows.map((r) => [r.network, count(r.batch), r.method, duration(r.secondsPerStep), ...(first ? [duration(r.firstStepSeconds)] : []), ratio(toManual(rows, r)), r.note ?? '']),
  );
  const curveTable = table(
    'lllrrrrl',
    ['data', 'network', 'method', 'per step', 'epochs', 'final loss', 'test accuracy', 'note'],
    curves.map((c) => [c.data, c.network ?? '', c.method, duration(c.secondsPerStep), count(c.loss.length), figure(c.loss[c.loss.length - 1] ?? null), `${digits(100 * c.testAccuracy)}%`, c.diverged ?? '']),
    'training runs, every method from the same seed',
  );
  const tables = [...(rows.length || !curves.length ? [steps] : []), ...(curves.length ? [curveTable] : [])];
  return {
    study: 'training',
    title: 'Training step time',
    shows:
      'Time per gradient step of a dense network with a softmax output, for every method, against backprop derived by ' +
      'hand (manual, the delta rule on typed arrays: the speed reference) and against TensorFlow.js on its CPU backend. ' +
      'The loss of a batch is one gradlab function of the parameters, built once per architecture and batch size; ' +
      'reverse mode should stay within a small factor of manual, while forward mode and finite differences pay for every ' +
      'parameter. Below, small networks trained from one seed by every method: where the gradients agree, the loss ' +
      'curves lie on one another.',
    findings: [...findings, ...peerFindings(peers.filter(aboutTraining))],
    tables,
    charts: [...(rows.length ? ['training'] : []), ...(curves.some((c) => c.loss.length > 0) ? ['training-loss'] : [])],
  };
}

export function peersSection(rows: readonly PeerRow[]): Section {
  const tables = (['tfjs', 'mathjs'] as const)
    .filter((peer) => rows.some((r) => r.peer === peer))
    .map((peer) =>
      table(
        'llrrrl',
        ['workload', 'metric', 'gradlab', PEER_NAMES[peer], 'gradlab ÷ peer', 'note'],
        rows.filter((r) => r.peer === peer).map((r) => [r.workload, r.metric, peerValue(r.metric, r.gradlab), peerValue(r.metric, r.peerValue), ratio(r.ratio), r.note ?? '']),
        PEER_NAMES[peer],
      ),
    );
  return {
    study: 'peers',
    title: 'Peers',
    shows:
      'gradlab against the libraries one would otherwise reach for: mathjs (symbolic derivatives, their size and their ' +
      'accuracy) and TensorFlow.js (gradients and a training step on its CPU backend), measured in the same run on the ' +
      'same machine. The ratio is gradlab ÷ peer: for times, below 1 means gradlab is faster.',
    findings: peerFindings(rows),
    tables: tables.length ? tables : [table('lllrrrl', ['peer', 'workload', 'metric', 'gradlab', 'peer', 'gradlab ÷ peer', 'note'], [])],
    charts: [],
  };
}
