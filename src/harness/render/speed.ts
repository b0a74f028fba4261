// The sections on what a gradient costs: time against n, symbolic swell, a training step, and the
// peer libraries, each stating gradlab's ratios (reverse ÷ evaluation, method ÷ manual, ÷ peers).
import type { CostRow, PeerRow, SwellRow, TrainingCurve, TrainingRow } from '../types';
import { clip, count, DASH, digits, distinct, duration, figure, median, quotient, ratio } from './format';
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
    ...(costCaption(rows) ? { captions: { cost: costCaption(rows)! } } : {}),
  };
}

/** At the largest n measured: how far above one evaluation reverse mode and the slowest method sit. */
function costCaption(rows: readonly CostRow[]): string | undefined {
  const w = rows[0]?.workload;
  const own = rows.filter((r) => r.workload === w && r.secondsPerGradient !== null);
  const top = Math.max(...own.map((r) => r.n));
  const at = own.filter((r) => r.n === top);
  const reverse = at.find((r) => r.method === 'reverse');
  const slowest = at.reduce<CostRow | undefined>((a, b) => (a === undefined || b.secondsPerGradient! > a.secondsPerGradient! ? b : a), undefined);
  if (!reverse || !slowest) return undefined;
  const times = (r: CostRow) => ratio(quotient(r.secondsPerGradient, r.secondsPerEvaluation));
  return `On ${w} at n = ${count(top)}, reverse mode's line sits ${times(reverse)} above one evaluation of f; ${slowest.method}, the highest, sits ${times(slowest)} above it.`;
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
  const grown = rows.filter((r) => r.simplifiedDagNodes > r.dagNodes);
  const grows = distinct(grown.map((r) => r.family)).map((family) => {
    const own = grown.filter((r) => r.family === family);
    const worst = own.reduce((a, b) => (b.simplifiedDagNodes / b.dagNodes > a.simplifiedDagNodes / a.dagNodes ? b : a));
    return `Simplifying grows the DAG of ${family} at ${own.length === 1 ? `k = ${count(worst.k)}` : `${own.length} sizes, most at k = ${count(worst.k)}`}: from ${count(worst.dagNodes)} to ${count(worst.simplifiedDagNodes)} nodes (${ratio(quotient(worst.simplifiedDagNodes, worst.dagNodes))}).`;
  });
  const last = rows.length ? rows.reduce((a, b) => (quotient(b.treeNodes, b.dagNodes)! > quotient(a.treeNodes, a.dagNodes)! ? b : a)) : undefined;
  return {
    study: 'swell',
    title: 'Expression swell',
    shows:
      'The size of the symbolic derivative against the size of the expression, for families indexed by k. Written out ' +
      'as a tree, where a shared subexpression is counted every time it appears, the derivative of a product or a ' +
      'nested composition grows far faster than the expression; as a DAG, each shared subexpression once, which is what ' +
      'gradlab builds, it grows like the expression. The simplifier shortens both.',
    findings: [...findings, ...grows],
    tables: [
      table(
        `lrr${dagOfExpression ? 'r' : ''}rrrrr`,
        ['family', 'k', dagOfExpression ? 'expression (tree)' : 'expression', ...(dagOfExpression ? ['expression (DAG)'] : []), 'tree', 'DAG', 'simplified tree', 'simplified DAG', 'tree ÷ DAG'],
        body,
        `node counts${incomplete ? '; * the simplifier stopped at its work budget' : ''}`,
      ),
    ],
    charts: rows.length ? ['swell'] : [],
    ...(last
      ? {
          captions: {
            swell: `The gap between the wide tree and DAG lines is widest for ${last.family}: at k = ${count(last.k)}, ${count(last.treeNodes)} nodes as a tree against ${count(last.dagNodes)} as a DAG (${ratio(quotient(last.treeNodes, last.dagNodes))})${grown.length ? `; where a thin dashed line rises above its wide one, simplifying grew the derivative` : ''}.`,
          },
        }
      : {}),
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
    captions: trainingCaptions(rows, curves),
  };
}

function trainingCaptions(rows: readonly TrainingRow[], curves: readonly TrainingCurve[]): Record<string, string> {
  const out: Record<string, string> = {};
  const timed = rows.filter((r) => r.secondsPerStep !== null);
  if (timed.length) {
    const fastest = timed.reduce((a, b) => (b.secondsPerStep! < a.secondsPerStep! ? b : a));
    const slowest = timed.reduce((a, b) => (b.secondsPerStep! > a.secondsPerStep! ? b : a));
    out.training = `Dots further right are slower: ${slowest.method} takes ${duration(slowest.secondsPerStep)} a step on ${slowest.network}, ${ratio(quotient(slowest.secondsPerStep, fastest.secondsPerStep))} the ${duration(fastest.secondsPerStep)} of ${fastest.method === 'tfjs' ? 'TF.js' : fastest.method}, the fastest.`;
  }
  const runs = distinct(curves.map((c) => `${c.data}|${c.network ?? ''}`));
  if (curves.some((c) => c.loss.length)) {
    const spread = runs.map((k) => {
      const finals = curves.filter((c) => `${c.data}|${c.network ?? ''}` === k && c.loss.length).map((c) => c.loss[c.loss.length - 1]);
      return { k, lo: Math.min(...finals), hi: Math.max(...finals) };
    });
    out['training-loss'] = `The curves end within ${spread.map((s) => `${figure(s.hi - s.lo)} of each other on ${s.k.split('|')[0]}`).join(', ')} (final losses from ${spread.map((s) => `${figure(s.lo)} to ${figure(s.hi)}`).join('; ')}).`;
  }
  return out;
}

export function peersSection(rows: readonly PeerRow[]): Section {
  // One row per workload, a column per metric holding gradlab, the peer and their ratio; notes once, below.
  const tables = (['tfjs', 'mathjs'] as const)
    .filter((peer) => rows.some((r) => r.peer === peer))
    .flatMap((peer) => {
      const own = rows.filter((r) => r.peer === peer);
      const metrics = distinct(own.map((r) => r.metric));
      const notes = distinct(own.flatMap((r) => (r.note ? [r.note] : [])));
      const body = distinct(own.map((r) => r.workload)).map((w) => [
        w,
        ...metrics.map((m) => {
          const r = own.find((x) => x.workload === w && x.metric === m);
          return r ? `${peerValue(m, r.gradlab)} vs ${peerValue(m, r.peerValue)} (${ratio(r.ratio)})` : DASH;
        }),
      ]);
      return [
        table(`l${'r'.repeat(metrics.length)}`, ['workload', ...metrics], body, `${PEER_NAMES[peer]}: gradlab vs ${PEER_NAMES[peer]} (gradlab ÷ peer)`),
        ...(notes.length ? [table('l', ['notes'], notes.map((n) => [n]))] : []),
      ];
    });
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
