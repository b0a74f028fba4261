// `gradlab demo <name>`: each lesson of backprop as one command that writes its chart and prints
// the figure it shows.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Argument } from 'commander';
import type { ClippingRun } from '../nn/demos';
import type { Stats } from '../diff/types';
import type { TrainResult } from '../nn/train';
import type { Series } from '../report/charts';
import { toJson } from '../report/json';
import { session, write } from './session';

const DEMOS = ['trajectories', 'vanishing', 'divergence', 'clipping', 'batch-size', 'optimizers', 'jacobian'] as const;
type Demo = (typeof DEMOS)[number];

interface Shown {
  readonly text: string;
  readonly json: unknown;
  /** Chart files by name, written into --out. */
  readonly charts: Readonly<Record<string, string>>;
}

const sci = (v: number, d = 3) => (Number.isFinite(v) ? v.toExponential(d) : String(v));
const ms = (s: number | null) => (s === null ? '—' : `${(1000 * s).toPrecision(3)} ms`);

/** Training loss per epoch of runs that may have diverged: the axis stops at 100× the largest
 *  loss of the runs that stayed finite (a diverging loss climbs to 1e300 first), and a rule marks
 *  the epoch where each diverging run was caught. */
async function divergenceChart(runs: readonly { label: string; result: TrainResult }[], title: string, subtitle: string): Promise<string> {
  const { lineChart } = await import('../report/charts');
  const healthy = runs.filter((r) => !r.result.diverged).flatMap((r) => r.result.history.map((h) => h.train.loss)).filter(Number.isFinite);
  const all = runs.flatMap((r) => r.result.history.map((h) => h.train.loss)).filter((v) => Number.isFinite(v) && v > 0);
  const top = 10 * Math.max(...(healthy.length ? healthy : all));
  const bottom = Math.min(...all) / 2;
  return lineChart(
    runs.map((r): Series => ({ name: r.label, points: r.result.history.map((h) => [h.epoch, h.train.loss] as const) })),
    {
      title,
      subtitle,
      x: 'epoch',
      y: 'training loss (log scale)',
      logY: true,
      integerX: true,
      yDomain: [bottom, top],
      rules: runs.filter((r) => r.result.diverged).map((r) => {
        const off = r.result.history.find((h) => !(h.train.loss <= top));
        return { x: r.result.epochs + 1, label: `${r.label}: caught at epoch ${r.result.epochs + 1}${off ? ` (off the chart from ${off.epoch})` : ''}` };
      }),
    },
  );
}

async function show(name: Demo): Promise<Shown> {
  // Loaded when a demo runs: the lessons train networks and draw with vega.
  const { batchSizes, clipping, divergence, jacobianDemo, optimizers, trajectories, vanishing } = await import('../nn/demos');
  const { dotPanels, lineChart, planeChart } = await import('../report/charts');
  const { duration } = await import('../harness/render/format');
  switch (name) {
    case 'trajectories': {
      const t = trajectories();
      const svg = await planeChart(
        { cells: t.grid.map((g) => ({ x: g.w1, y: g.w2, value: g.loss })), step: t.step },
        { kind: 'paths', items: t.runs.flatMap((r) => r.path.map(([x, y], order) => ({ series: r.name, x, y, order }))) },
        {
          title: 'Paths through weight space over the loss (log10)',
          subtitle: 'white: level lines of the loss, the optimum marked ✚; full-batch GD drawn wide under the others',
          x: 'w1',
          y: 'w2',
          value: 'log10 loss',
          scheme: 'greys',
          width: 460,
          height: 420,
          contours: t.contours.map((c) => ({ label: c.level.toPrecision(2), points: c.points })),
          marks: [{ x: t.optimum[0], y: t.optimum[1], label: 'optimum' }],
          wide: ['full-batch GD'],
        },
      );
      const lines = t.runs.map((r) => `${r.name.padEnd(24)} ${String(r.path.length - 1).padStart(5)} steps   final loss ${sci(r.finalLoss)}   ends at (${r.path[r.path.length - 1].map((v) => v.toFixed(3)).join(', ')})`);
      return {
        charts: { 'trajectories.svg': svg },
        text: [`optimum (${t.optimum.map((v) => v.toFixed(3)).join(', ')}), loss there ${sci(t.optimalLoss)}; every run starts at (-2.5, 2.5)`, ...lines].join('\n'),
        json: { optimum: t.optimum, optimalLoss: t.optimalLoss, runs: t.runs },
      };
    }
    case 'vanishing': {
      const rows = vanishing();
      const svg = await lineChart(
        ['sigmoid', 'relu'].map((a) => ({ name: a, points: rows.filter((r) => r.activation === a).map((r) => [r.hiddenLayers, r.norms[0]] as const) })),
        { title: 'Gradient norm of the first layer at initialisation', subtitle: 'mean of 5 seeds, two moons, width 16', x: 'hidden layers', y: '‖∂L/∂W₁‖ (log scale)', logY: true, integerX: true },
      );
      const lines = rows.map((r) => `${r.activation.padEnd(8)} ${String(r.hiddenLayers).padStart(2)} hidden layers   first layer ${r.norms[0].toExponential(2)}   last layer ${r.norms[r.norms.length - 1].toExponential(2)}`);
      return { charts: { 'vanishing.svg': svg }, text: ['‖∂L/∂W‖ at initialisation, mean of 5 seeds, moons, width 16', ...lines].join('\n'), json: rows };
    }
    case 'divergence': {
      const d = divergence();
      const svg = await divergenceChart(
        [
          { label: `lr ${d.lr[0]}`, result: d.sane },
          { label: `lr ${d.lr[1]}`, result: d.tooLarge },
        ],
        'Full-batch SGD on the regression data at two learning rates',
        'the axis stops at 10× the healthy run\'s largest loss; the diverging run leaves it on its way to Infinity',
      );
      const text = [`lr ${d.lr[0]}: ${d.sane.epochs} epochs, final train loss ${sci(d.sane.train.loss)}`, `lr ${d.lr[1]}: ${d.tooLarge.diverged ?? 'did not diverge'}`].join('\n');
      return { charts: { 'divergence.svg': svg }, text, json: { lr: d.lr, sane: { epochs: d.sane.epochs, train: d.sane.train }, tooLarge: { epochs: d.tooLarge.epochs, diverged: d.tooLarge.diverged } } };
    }
    case 'clipping': {
      const c = clipping();
      const svg = await divergenceChart(c.runs, `The diverging run (full-batch SGD, lr ${c.lr}) without and with its cures`, 'clipping the gradient norm keeps every step bounded; weight decay alone only delays the blow-up');
      const figure = (r: ClippingRun) => (r.result.diverged ? `diverged: stopped at epoch ${r.result.epochs + 1} of 300` : `${r.result.epochs} epochs, final train loss ${sci(r.result.train.loss)}`);
      return {
        charts: { 'clipping.svg': svg },
        text: [`regression data, 1-16-1 tanh, full-batch SGD at lr ${c.lr} (the divergence demo's too-large rate), seed 1`, ...c.runs.map((r) => `${r.label.padEnd(22)} ${figure(r)}`)].join('\n'),
        json: {
          lr: c.lr,
          runs: c.runs.map((r) => ({
            label: r.label,
            ...(r.clipNorm !== undefined ? { clipNorm: r.clipNorm } : {}),
            ...(r.weightDecay !== undefined ? { weightDecay: r.weightDecay } : {}),
            epochs: r.result.epochs,
            finalLoss: r.result.diverged ? null : r.result.train.loss,
            ...(r.result.diverged ? { stoppedAtEpoch: r.result.epochs + 1, diverged: r.result.diverged } : {}),
          })),
        },
      };
    }
    case 'batch-size': {
      const b = batchSizes();
      const reached = (r: (typeof b.runs)[number]) => (r.stepsToTarget === null ? 'target not reached' : `target at step ${r.stepsToTarget}, ${ms(r.secondsToTarget)}`);
      const svg = await lineChart(
        b.runs.map((r) => ({ name: `${r.label}: ${reached(r)}`, points: r.steps.map((s) => [s.step, s.trainLoss] as const) })),
        {
          title: `Training loss after every step, plain SGD at lr ${b.lr}, by batch size`,
          subtitle: [`${b.data}, ${b.network}, seed 1 · ◆ the first step at or below the target loss ${b.target}`, 'small batches: many cheap, jittery steps · full batch: few costly, smooth ones'],
          x: 'step (log scale)',
          y: 'training loss (log scale)',
          logX: true,
          logY: true,
          marks: b.runs.flatMap((r) => (r.stepsToTarget === null ? [] : [{ x: r.stepsToTarget, y: r.steps[r.stepsToTarget - 1].trainLoss, label: '' }])),
        },
      );
      const head = `${'batch'.padEnd(20)} ${'steps'.padStart(6)} ${'mean |Δloss|'.padStart(13)} ${'uphill'.padStart(7)} ${'to target'.padStart(10)} ${'epochs'.padStart(7)} ${'time'.padStart(10)}  final loss`;
      const lines = b.runs.map((r) =>
        `${r.label.padEnd(20)} ${String(r.steps.length).padStart(6)} ${sci(r.meanStepChange, 2).padStart(13)} ${`${(100 * r.uphill).toFixed(0)}%`.padStart(7)} ${String(r.stepsToTarget ?? '—').padStart(10)} ${String(r.epochsToTarget ?? '—').padStart(7)} ${ms(r.secondsToTarget).padStart(10)}  ${sci(r.finalLoss)}`,
      );
      return {
        charts: { 'batch-size.svg': svg },
        text: [`${b.data}, ${b.network}, SGD lr ${b.lr}, seed 1; target training loss ${b.target}; uphill: steps after which the training loss rose`, head, ...lines].join('\n'),
        json: {
          data: b.data,
          network: b.network,
          lr: b.lr,
          target: b.target,
          runs: b.runs.map((r) => ({
            label: r.label,
            batch: r.batch,
            steps: r.steps.length,
            meanStepChange: r.meanStepChange,
            uphill: r.uphill,
            stepsToTarget: r.stepsToTarget,
            epochsToTarget: r.epochsToTarget,
            secondsToTarget: r.secondsToTarget,
            finalLoss: r.finalLoss,
            loss: r.steps.map((s) => s.trainLoss),
          })),
        },
      };
    }
    case 'optimizers': {
      const o = optimizers();
      const best = await lineChart(
        o.best.map((r) => ({ name: `${r.name} (best lr ${r.lr})`, points: r.result.history.map((h) => [h.epoch, h.train.loss] as const) })),
        { title: 'Every optimizer at its best learning rate', subtitle: 'two moons, 2-16-16-1 relu, batch 32, same seed and batches', x: 'epoch', y: 'training loss (log scale)', logY: true, integerX: true },
      );
      const sweep = await lineChart(
        [...new Set(o.sweep.map((r) => r.name))].map((name) => ({ name, points: o.sweep.filter((r) => r.name === name).map((r) => [r.lr, r.finalLoss] as const) })),
        {
          title: 'Final training loss against the learning rate, per optimizer',
          subtitle: `${o.best[0].result.epochs} epochs each · ◆ each rule's best rate · a missing point diverged`,
          x: 'learning rate (log scale)',
          y: 'final training loss (log scale)',
          logX: true,
          logY: true,
          marks: o.best.map((r) => ({ x: r.lr, y: r.finalLoss, label: r.name })),
        },
      );
      const lines = o.best.map((r) => `${r.name.padEnd(9)} best lr ${String(r.lr).padEnd(6)} (default ${String(o.defaults[r.name]).padEnd(6)}) final train loss ${sci(r.finalLoss)}   test accuracy ${(100 * r.result.test.accuracy).toFixed(1)}%`);
      const grid = [...new Set(o.sweep.map((r) => r.lr))];
      const table = [`${'lr'.padEnd(9)}${grid.map((lr) => String(lr).padStart(10)).join('')}`, ...o.best.map((b) => `${b.name.padEnd(9)}${o.sweep.filter((r) => r.name === b.name).map((r) => sci(r.finalLoss, 1).padStart(10)).join('')}`)];
      return {
        charts: { 'optimizers.svg': best, 'optimizers-sweep.svg': sweep },
        text: ['final training loss per learning rate (two moons, 2-16-16-1 relu, batch 32, seed 1):', ...table, '', ...lines].join('\n'),
        json: {
          rates: grid,
          sweep: o.sweep.map((r) => ({ name: r.name, lr: r.lr, finalLoss: Number.isFinite(r.finalLoss) ? r.finalLoss : null, ...(r.result.diverged ? { diverged: r.result.diverged } : {}) })),
          best: o.best.map((r) => ({ name: r.name, lr: r.lr, defaultLr: o.defaults[r.name], train: r.result.train, test: r.result.test, loss: r.result.history.map((h) => h.train.loss) })),
        },
      };
    }
    case 'jacobian': {
      const j = jacobianDemo();
      const dots = (f: (r: (typeof j.rows)[number]) => [number, number]) =>
        j.rows.flatMap((r) => [
          { category: r.method, value: f(r)[0], series: 'Jacobian (2×3)' },
          { category: r.method, value: f(r)[1], series: 'two Hessians (3×3)' },
        ]);
      const svg = await dotPanels(
        [
          { dots: dots((r) => [r.jacobianDigits, r.hessianDigits]), value: 'correct digits', domain: [0, 17] },
          { dots: dots((r) => [r.jacobianSeconds, r.hessianSeconds]), value: 'seconds per call (log scale)', logValue: true },
        ],
        { title: 'The network f: R³ → R² (3-4-2 tanh): Jacobian and Hessians by every method', subtitle: 'digits: J against the 50-digit reference, each Hessian against forward mode (nested duals)', category: 'method' },
      );
      const matrix = (m: number[][]) => m.map((row) => `[${row.map((v) => v.toFixed(6).padStart(10)).join(' ')}]`);
      const shown = j.rows.find((r) => r.method === 'reverse') ?? j.rows[0];
      const work = (s: Stats) => Object.entries(s).filter(([k, v]) => typeof v === 'number' && k !== 'steps').map(([k, v]) => `${k} ${v}`).join(', ');
      const lines = [
        `by ${shown.method} mode (every method's matrices are in --json):`,
        ...matrix(shown.jacobian).map((l, k) => `  ${k === 0 ? 'J  ' : '   '} ${l}`),
        ...shown.hessians.flatMap((H, i) => matrix(H).map((l, k) => `  ${k === 0 ? `H${i + 1} ` : '   '} ${l}`)),
        '',
        `${'method'.padEnd(9)} ${'J digits'.padStart(8)} ${'J time'.padStart(10)} ${'H digits'.padStart(8)} ${'H time'.padStart(10)}  work for the two Hessians`,
        ...j.rows.map((r) => `${r.method.padEnd(9)} ${r.jacobianDigits.toFixed(1).padStart(8)} ${duration(r.jacobianSeconds).padStart(10)} ${(r.method === 'forward' ? 'ref.' : r.hessianDigits.toFixed(1)).padStart(8)} ${duration(r.hessianSeconds).padStart(10)}  ${work(r.hessianStats)}`),
        'J digits: against the 50-digit reference; H digits: against forward mode (nested duals), the Hessians\' reference',
      ];
      return {
        charts: { 'jacobian.svg': svg },
        text: [`f(x) = ${j.source.split('\n').join('; ')}`, `at x = [${j.at.x.join(', ')}]`, ...lines].join('\n'),
        json: j,
      };
    }
  }
}

export function addDemoCommand(cli: Command): void {
  cli
    .command('demo')
    .description('the lessons of backprop, each as a chart and the figure it shows')
    .addArgument(new Argument('<name>', 'which demonstration').choices(DEMOS))
    .option('--out <dir>', 'where the chart goes', 'demo')
    .option('--json', 'print the figures as JSON')
    .addHelpText('after', `
  trajectories  full-batch GD, SGD, mini-batch and momentum over the loss of a two-weight problem
  vanishing     first-layer gradient norm against depth (2 to 10 layers), sigmoid against ReLU
  divergence    a learning rate that is too large: divergence detected and reported
  clipping      that diverging run without and with --clip-norm and --weight-decay
  batch-size    loss per step for batch 1, 8, 32 and full: jitter, steps and time to a target loss
  optimizers    every optimizer at its best learning rate from a sweep: the sweep and the best curves
  jacobian      the Jacobian and the per-output Hessians of a 3-4-2 network by every method`)
    .action(async (name: Demo, o: { out: string; json?: boolean }) => {
      session.json = !!o.json;
      mkdirSync(o.out, { recursive: true });
      const r = await show(name);
      const files = Object.entries(r.charts).map(([file, svg]) => {
        const path = join(o.out, file);
        writeFileSync(path, svg);
        return path;
      });
      write(o.json ? toJson({ demo: name, chart: files[0], charts: files, figures: r.json }) : `${r.text}\nwrote ${files.join(', ')}`);
    });
}
