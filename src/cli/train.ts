// `gradlab train`: a network trained on a dataset by any method, with a progress bar, a summary,
// and on request the metrics, charts and model written to disk.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { UsageError } from '../errors';
import type { DatasetName } from '../nn/data';
import type { Activation, Architecture, LossName } from '../nn/network';
import type { OptimizerName } from '../nn/optimizers';
import type { TrainMethod, TrainResult } from '../nn/train';
import { toJson } from '../report/json';
import { session, write } from './session';

interface TrainFlags {
  data: DatasetName;
  layers?: string;
  activation?: Activation;
  loss: LossName;
  optimizer: OptimizerName;
  lr?: number;
  batch: string;
  epochs: number;
  method: TrainMethod;
  seed: number;
  clipValue?: number;
  clipNorm?: number;
  weightDecay?: number;
  samples?: number;
  perClass?: number;
  downsample?: number;
  out?: string;
  save?: string;
  load?: string;
  json?: boolean;
  history: 'epochs' | 'steps';
  engine: 'compiled' | 'interpreted';
}

const MODEL_FORMAT = 'gradlab-model';

function number(name: string, positive = false) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isFinite(n) || (positive && n <= 0)) throw new UsageError(`${name} expects a ${positive ? 'positive ' : ''}number, got '${v}'`);
    return n;
  };
}

function wholeNumber(name: string) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} expects a positive whole number, got '${v}'`);
    return n;
  };
}

async function loadModel(path: string): Promise<{ arch: Architecture; params: Float64Array }> {
  const { architecture } = await import('../nn/network');
  let doc: { format?: string; architecture?: Architecture; params?: number[] };
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read the model '${path}': ${(err as Error).message}`);
  }
  if (doc.format !== MODEL_FORMAT || !doc.architecture || !Array.isArray(doc.params)) {
    throw new UsageError(`'${path}' is not a gradlab model (expected {"format": "${MODEL_FORMAT}", "architecture", "params"})`);
  }
  const a = doc.architecture;
  const arch = architecture(a.sizes, a.activation, a.loss, a.output);
  return { arch, params: Float64Array.from(doc.params) };
}

function summary(r: TrainResult): object {
  return {
    method: r.method,
    epochs: r.epochs,
    train: r.train,
    test: r.test,
    secondsPerStep: r.secondsPerStep,
    steps: r.steps,
    ...(r.diverged ? { diverged: r.diverged } : {}),
    ...(r.stepHistory ? { stepHistory: r.stepHistory } : {}),
  };
}

export function addTrainCommand(cli: Command): void {
  const data = new Option('--data <name>', 'dataset').default('moons');
  const activation = new Option('--activation <f>', "hidden activation (default: relu, or the loaded model's)");
  const loss = new Option('--loss <name>', 'mse (½ Σ (a − y)²), bce (one sigmoid output), ce (softmax)');
  const optimizer = new Option('--optimizer <name>', 'update rule').default('adam');
  const method = new Option('--method <name>', 'how the gradient is computed').default('reverse');
  // The datasets, activations, losses, optimizers and methods are listed beside their code, more
  // than start-up should load: their choices join the options only when `train` is what runs.
  const command = cli.command('train');
  cli.hook('preSubcommand', async (_, sub) => {
    if (sub !== command) return;
    const [d, n, opt, t] = await Promise.all([import('../nn/data'), import('../nn/network'), import('../nn/optimizers'), import('../nn/train')]);
    data.choices(d.DATASETS);
    activation.choices(n.ACTIVATIONS);
    loss.choices(n.LOSSES);
    optimizer.choices(opt.OPTIMIZERS);
    method.choices(t.TRAIN_METHODS);
  });
  command
    .description('train a dense network with any differentiator, or with hand-derived backprop')
    .addOption(data)
    .option('--layers <sizes>', 'units per layer, inputs first (default: features,16,16,outputs)')
    .addOption(activation)
    .addOption(loss)
    .addOption(optimizer)
    .option('--lr <rate>', 'learning rate (default: the optimizer\'s usual one)', number('--lr', true))
    .option('--batch <m>', "samples per step: 1 (stochastic), m, or 'full'", '32')
    .option('--epochs <n>', 'passes over the training set', wholeNumber('--epochs'), 100)
    .addOption(method)
    .addOption(new Option('--engine <engine>', 'generated JavaScript, or the interpreters (a tape recorded every step)').choices(['compiled', 'interpreted']).default('compiled'))
    .option('--seed <n>', 'seed for initialisation, shuffling and data', (v) => Math.trunc(number('--seed')(v)), 1)
    .option('--clip-value <c>', 'clip each gradient entry to [-c, c]', number('--clip-value', true))
    .option('--clip-norm <c>', 'rescale the gradient to norm at most c', number('--clip-norm', true))
    .option('--weight-decay <λ>', 'L2 weight decay (adds λw to the gradient)', number('--weight-decay'))
    .option('--samples <n>', 'generated datasets: how many points', wholeNumber('--samples'))
    .option('--per-class <n>', 'digits: images per digit', wholeNumber('--per-class'))
    .addOption(new Option('--downsample <f>', 'digits: average f×f pixel blocks').choices(['1', '2', '4']).argParser(Number))
    .addOption(new Option('--history <what>', 'epochs, or steps: also every step\'s batch loss, training loss and time (in --json and metrics.json)').choices(['epochs', 'steps']).default('epochs'))
    .option('--out <dir>', 'write metrics.json, loss.svg, gradient-norms.svg and (2-D data) boundary.svg')
    .option('--save <file>', 'write the trained model as JSON')
    .option('--load <file>', 'start from a saved model')
    .option('--json', 'print {"method", "epochs", "train", "test", "secondsPerStep"}')
    .addHelpText('after', `
Examples:
  gradlab train --data moons --layers 2,16,16,1 --activation relu --loss bce --optimizer adam --lr 0.01 --batch 32 --epochs 200 --method reverse --seed 1
  gradlab train --data xor --layers 2,4,1 --activation tanh --epochs 500 --method symbolic
  gradlab train --data digits --downsample 2 --per-class 200 --layers 196,64,10 --epochs 20 --out runs/digits`)
    .action(async (o: TrainFlags) => {
      session.json = !!o.json;
      if (o.data === 'digits') await (await import('../nn/digits')).loadDigits();
      const { loadDataset } = await import('../nn/data');
      const { train } = await import('../nn/train');
      const { architecture } = await import('../nn/network');
      const data = loadDataset(o.data, {
        seed: o.seed,
        ...(o.samples ? { samples: o.samples } : {}),
        ...(o.perClass ? { perClass: o.perClass } : {}),
        ...(o.downsample ? { downsample: o.downsample as 1 | 2 | 4 } : {}),
      });
      const loaded = o.load ? await loadModel(o.load) : undefined;
      const sizes = o.layers ? o.layers.split(',').map((s) => Number(s.trim())) : (loaded?.arch.sizes ?? [data.features, 16, 16, data.outputs]);
      const loss = o.loss ?? loaded?.arch.loss ?? (data.task === 'multiclass' ? 'ce' : data.task === 'binary' ? 'bce' : 'mse');
      const arch = architecture(sizes, o.activation ?? loaded?.arch.activation ?? 'relu', loss);
      if (loaded && loaded.params.length !== loaded.arch.sizes.reduce((s, n, i, a) => (i ? s + n * a[i - 1] + n : s), 0)) {
        throw new UsageError(`the model in '${o.load}' is damaged: its parameter count does not match its layers`);
      }
      const shape = (a: Architecture) => `layers ${a.sizes.join(',')} ${a.activation}`;
      if (loaded && shape(loaded.arch) !== shape(arch)) {
        throw new UsageError(`the model in '${o.load}' has ${shape(loaded.arch)}, not ${shape(arch)}`);
      }
      const batch = o.batch === 'full' ? data.train.n : wholeNumber('--batch')(o.batch);
      const { default: cliProgress } = await import('cli-progress');
      const bar = process.stderr.isTTY && !o.json ? new cliProgress.SingleBar({ format: 'epoch {value}/{total} {bar} loss {loss} acc {acc} (test {tacc})', hideCursor: true, stream: process.stderr }, cliProgress.Presets.shades_classic) : undefined;
      bar?.start(o.epochs, 0, { loss: '-', acc: '-', tacc: '-' });
      const result = train(arch, data, {
        method: o.method,
        engine: o.engine,
        optimizer: o.optimizer,
        lr: o.lr,
        batch,
        epochs: o.epochs,
        seed: o.seed,
        clipValue: o.clipValue,
        clipNorm: o.clipNorm,
        weightDecay: o.weightDecay,
        history: o.history,
        params: loaded?.params,
        onEpoch: (e) => bar?.update(e.epoch, { loss: e.train.loss.toPrecision(4), acc: e.train.accuracy.toFixed(3), tacc: e.test.accuracy.toFixed(3) }),
      });
      bar?.stop();
      if (o.out) {
        const { decisionBoundary, gradientNormChart, lossCurve } = await import('../nn/plots');
        mkdirSync(o.out, { recursive: true });
        writeFileSync(join(o.out, 'metrics.json'), toJson({ ...summary(result), architecture: arch, data: data.name, history: result.history }));
        writeFileSync(join(o.out, 'loss.svg'), await lossCurve([{ label: o.method, result }]));
        if (result.history.length) writeFileSync(join(o.out, 'gradient-norms.svg'), await gradientNormChart(result));
        if (data.features === 2) writeFileSync(join(o.out, 'boundary.svg'), await decisionBoundary(arch, result.params, data));
      }
      if (o.save) writeFileSync(o.save, toJson({ format: MODEL_FORMAT, version: 1, architecture: arch, data: data.name, params: Array.from(result.params) }));
      if (o.json) write(toJson(summary(result)));
      else {
        const pct = (v: number) => (data.task === 'regression' ? `R² ${v.toFixed(4)}` : `${(100 * v).toFixed(1)}%`);
        write(
          [
            `${data.name}: ${arch.sizes.join('-')} ${arch.activation}, ${arch.loss} loss, ${o.optimizer}, ${result.steps} steps by ${o.method}`,
            `train  loss ${result.train.loss.toPrecision(5)}  accuracy ${pct(result.train.accuracy)}`,
            `test   loss ${result.test.loss.toPrecision(5)}  accuracy ${pct(result.test.accuracy)}`,
            `${(result.secondsPerStep * 1000).toFixed(3)} ms per gradient step`,
            ...(o.out ? [`wrote ${o.out}/metrics.json, loss.svg, gradient-norms.svg${data.features === 2 ? ', boundary.svg' : ''}`] : []),
          ].join('\n'),
        );
      }
      if (result.diverged) {
        process.stderr.write(`error: ${result.diverged}\n`);
        process.exitCode = 1;
      }
    });
}
