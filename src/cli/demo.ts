// `gradlab demo <name>`: each lesson of backprop as one command that writes its chart and prints
// the figure it shows.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Argument } from 'commander';
import { toJson } from '../report/json';
import { session, write } from './session';

const DEMOS = ['trajectories', 'vanishing', 'divergence', 'optimizers'] as const;
type Demo = (typeof DEMOS)[number];

async function run(name: Demo, out: string): Promise<{ text: string; json: unknown; file: string }> {
  const { divergence, optimizers, trajectories, vanishing } = await import('../nn/demos');
  const { lossCurve } = await import('../nn/plots');
  const { lineChart, planeChart } = await import('../report/charts');
  switch (name) {
    case 'trajectories': {
      const t = trajectories();
      const svg = await planeChart(
        { cells: t.grid.map((g) => ({ x: g.w1, y: g.w2, value: g.loss })), step: t.step },
        { kind: 'paths', items: t.runs.flatMap((r) => r.path.map(([x, y], order) => ({ series: r.name, x, y, order }))) },
        { title: 'Paths through weight space over the loss (log10)', x: 'w1', y: 'w2', value: 'log10 loss', scheme: 'greys' },
      );
      const file = join(out, 'trajectories.svg');
      writeFileSync(file, svg);
      const lines = t.runs.map((r) => `${r.name.padEnd(24)} ${String(r.path.length - 1).padStart(5)} steps   final loss ${r.finalLoss.toExponential(3)}   ends at (${r.path[r.path.length - 1].map((v) => v.toFixed(3)).join(', ')})`);
      return { file, text: [`optimum (${t.optimum.map((v) => v.toFixed(3)).join(', ')}); every run starts at (-2.5, 2.5)`, ...lines].join('\n'), json: { optimum: t.optimum, runs: t.runs } };
    }
    case 'vanishing': {
      const rows = vanishing();
      const svg = await lineChart(
        ['sigmoid', 'relu'].map((a) => ({ name: a, points: rows.filter((r) => r.activation === a).map((r) => [r.hiddenLayers, r.norms[0]] as const) })),
        { title: 'Gradient norm of the first layer at initialisation', x: 'hidden layers', y: '‖∂L/∂W₁‖', logY: true },
      );
      const file = join(out, 'vanishing.svg');
      writeFileSync(file, svg);
      const lines = rows.map((r) => `${r.activation.padEnd(8)} ${String(r.hiddenLayers).padStart(2)} hidden layers   first layer ${r.norms[0].toExponential(2)}   last layer ${r.norms[r.norms.length - 1].toExponential(2)}`);
      return { file, text: ['‖∂L/∂W‖ at initialisation, mean of 5 seeds, moons, width 16', ...lines].join('\n'), json: rows };
    }
    case 'divergence': {
      const d = divergence();
      const svg = await lossCurve([
        { label: `lr ${d.lr[0]}`, result: d.sane },
        { label: `lr ${d.lr[1]}`, result: d.tooLarge },
      ], 'Full-batch SGD on the regression data at two learning rates');
      const file = join(out, 'divergence.svg');
      writeFileSync(file, svg);
      const text = [
        `lr ${d.lr[0]}: ${d.sane.epochs} epochs, final train loss ${d.sane.train.loss.toExponential(3)}`,
        `lr ${d.lr[1]}: ${d.tooLarge.diverged ?? 'did not diverge'}`,
      ].join('\n');
      return { file, text, json: { lr: d.lr, sane: { epochs: d.sane.epochs, train: d.sane.train }, tooLarge: { epochs: d.tooLarge.epochs, diverged: d.tooLarge.diverged } } };
    }
    case 'optimizers': {
      const runs = optimizers();
      const svg = await lineChart(
        runs.map((r) => ({ name: `${r.name} (lr ${r.lr})`, points: r.result.history.map((h) => [h.epoch, h.train.loss] as const) })),
        { title: 'Every optimizer on two moons (2-16-16-1 relu, batch 32, same seed)', x: 'epoch', y: 'training loss', logY: true },
      );
      const file = join(out, 'optimizers.svg');
      writeFileSync(file, svg);
      const lines = runs.map((r) => `${r.name.padEnd(9)} lr ${String(r.lr).padEnd(6)} final train loss ${r.result.train.loss.toExponential(3)}   test accuracy ${(100 * r.result.test.accuracy).toFixed(1)}%`);
      return { file, text: lines.join('\n'), json: runs.map((r) => ({ name: r.name, lr: r.lr, train: r.result.train, test: r.result.test })) };
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
  optimizers    every optimizer on the same problem, loss curves side by side`)
    .action(async (name: Demo, o: { out: string; json?: boolean }) => {
      session.json = !!o.json;
      mkdirSync(o.out, { recursive: true });
      const r = await run(name, o.out);
      write(o.json ? toJson({ demo: name, chart: r.file, figures: r.json }) : `${r.text}\nwrote ${r.file}`);
    });
}
