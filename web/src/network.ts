// The training panel: a small network on a 2-D dataset, trained an epoch at a time between frames
// with the library's gradient step (any method), optimizer and forward pass, so that the loss
// curve, the decision boundary and the per-layer gradient norms move while it learns.
import {
  architecture, DEFAULT_LR, evaluateSplit, forwardPass, gradientStep, initialise, layersOf, loadDataset, optimizer,
  Rng, UsageError, type Activation, type Architecture, type Dataset, type DatasetName, type OptimizerName, type TrainMethod,
} from 'gradlab';
import { draw, HEIGHT, WIDTH } from './charts';

export interface Settings {
  readonly data: DatasetName;
  readonly sizes: number[];
  readonly activation: Activation;
  readonly method: TrainMethod;
  readonly optimizer: OptimizerName;
  readonly lr: number;
  readonly batch: number;
  readonly epochs: number;
}

export interface EpochRecord {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly trainAccuracy: number;
  readonly testLoss: number;
  readonly testAccuracy: number;
  /** Mean ‖∂L/∂Wₗ‖ over the epoch's steps, per layer. */
  readonly norms: number[];
}

/** One training run, advanced an epoch at a time. */
export class Run {
  readonly arch: Architecture;
  readonly data: Dataset;
  readonly params: Float64Array;
  readonly history: EpochRecord[] = [];
  steps = 0;
  seconds = 0;
  diverged: string | undefined;
  private readonly rng = new Rng(1);
  private readonly grad: Float64Array;
  private readonly step: ReturnType<typeof gradientStep>;
  private readonly update: ReturnType<typeof optimizer>;

  constructor(readonly settings: Settings) {
    this.data = loadDataset(settings.data, { seed: 1 });
    const { sizes } = settings;
    if (sizes[0] !== this.data.features || sizes[sizes.length - 1] !== 1) {
      throw new UsageError(`the layers must start with ${this.data.features} (the features of ${settings.data}) and end with 1 output, as in 2,8,8,1`);
    }
    this.arch = architecture(sizes, settings.activation, 'bce');
    this.params = initialise(this.arch, this.rng);
    this.grad = new Float64Array(this.params.length);
    this.step = gradientStep(this.arch, settings.method);
    this.update = optimizer(settings.optimizer, this.params.length, { lr: settings.lr });
  }

  get done(): boolean {
    return this.diverged !== undefined || this.history.length >= this.settings.epochs;
  }

  get secondsPerStep(): number {
    return this.steps ? this.seconds / this.steps : 0;
  }

  /** One pass over the training split in shuffled batches. */
  epoch(): void {
    const { train, test, task } = this.data;
    const [d, batch] = [this.arch.sizes[0], Math.max(1, Math.min(this.settings.batch, train.n))];
    const order = this.rng.permutation(train.n);
    const layers = layersOf(this.arch);
    const norms = new Array<number>(layers.length).fill(0);
    const xb = new Float64Array(batch * d);
    const yb = new Float64Array(batch);
    let count = 0;
    for (let from = 0; from < train.n; from += batch) {
      const n = Math.min(batch, train.n - from);
      for (let s = 0; s < n; s++) {
        xb.set(train.x.subarray(order[from + s] * d, (order[from + s] + 1) * d), s * d);
        yb[s] = train.y[order[from + s]];
      }
      const t0 = performance.now();
      const loss = this.step(this.params, xb.subarray(0, n * d), yb.subarray(0, n), n, this.grad);
      this.seconds += (performance.now() - t0) / 1000;
      this.steps++;
      count++;
      if (!Number.isFinite(loss) || this.grad.some((g) => !Number.isFinite(g))) {
        this.diverged = `diverged at epoch ${this.history.length + 1}: the loss is ${loss}; lower the learning rate (now ${this.settings.lr})`;
        return;
      }
      layers.forEach((l, li) => (norms[li] += Math.hypot(...this.grad.subarray(l.weights, l.biases))));
      this.update.step(this.params, this.grad);
    }
    const tr = evaluateSplit(this.arch, task, this.params, train);
    const te = evaluateSplit(this.arch, task, this.params, test);
    this.history.push({ epoch: this.history.length + 1, trainLoss: tr.loss, trainAccuracy: tr.accuracy, testLoss: te.loss, testAccuracy: te.accuracy, norms: norms.map((v) => v / count) });
  }
}

export const defaultLr = (name: OptimizerName): number => DEFAULT_LR[name];

/** Seconds per gradient step of each method on this network and a batch of its data, a few steps each. */
export function stepTimes(settings: Settings, methods: readonly TrainMethod[]): { method: TrainMethod; seconds: number }[] {
  const probe = new Run(settings);
  const { train } = probe.data;
  const n = Math.max(1, Math.min(settings.batch, train.n));
  const x = train.x.subarray(0, n * probe.arch.sizes[0]);
  const y = train.y.subarray(0, n);
  const grad = new Float64Array(probe.params.length);
  return methods.map((method) => {
    const step = gradientStep(probe.arch, method);
    step(probe.params, x, y, n, grad); // the first call also builds the loss graph
    let reps = 0;
    const t0 = performance.now();
    while (reps < 3 || (performance.now() - t0 < 150 && reps < 1000)) {
      step(probe.params, x, y, n, grad);
      reps++;
    }
    return { method, seconds: (performance.now() - t0) / 1000 / reps };
  });
}

export function drawLoss(el: HTMLElement, run: Run): Promise<void> {
  const values = run.history.flatMap((h) => [
    { epoch: h.epoch, split: 'train', loss: h.trainLoss },
    ...(Number.isFinite(h.testLoss) ? [{ epoch: h.epoch, split: 'test', loss: h.testLoss }] : []),
  ]);
  return draw(el, {
    width: WIDTH, height: HEIGHT, data: { values },
    mark: 'line',
    encoding: {
      x: { field: 'epoch', type: 'quantitative' },
      y: { field: 'loss', type: 'quantitative', scale: { type: 'log' }, title: 'binary cross-entropy' },
      color: { field: 'split', type: 'nominal' },
    },
  });
}

export function drawNorms(el: HTMLElement, run: Run): Promise<void> {
  const values = run.history.flatMap((h) => h.norms.map((norm, l) => ({ epoch: h.epoch, layer: `layer ${l + 1}`, norm: Math.max(norm, 1e-12) })));
  return draw(el, {
    width: WIDTH, height: HEIGHT, data: { values },
    mark: 'line',
    encoding: {
      x: { field: 'epoch', type: 'quantitative' },
      y: { field: 'norm', type: 'quantitative', scale: { type: 'log' }, title: '‖∂L/∂W‖' },
      color: { field: 'layer', type: 'nominal' },
    },
  });
}

/** The network's P(class 1) over a grid covering the data, with the training points on top. */
export function drawBoundary(el: HTMLElement, run: Run, resolution = 40): Promise<void> {
  const { x, n, label } = run.data.train;
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    [x0, x1] = [Math.min(x0, x[2 * i]), Math.max(x1, x[2 * i])];
    [y0, y1] = [Math.min(y0, x[2 * i + 1]), Math.max(y1, x[2 * i + 1])];
  }
  const [padX, padY] = [(x1 - x0) * 0.1 + 0.1, (y1 - y0) * 0.1 + 0.1];
  [x0, x1, y0, y1] = [x0 - padX, x1 + padX, y0 - padY, y1 + padY];
  const [dx, dy] = [(x1 - x0) / resolution, (y1 - y0) / resolution];
  const grid = new Float64Array(2 * resolution * resolution);
  for (let r = 0; r < resolution; r++) {
    for (let c = 0; c < resolution; c++) {
      grid[2 * (r * resolution + c)] = x0 + (c + 0.5) * dx;
      grid[2 * (r * resolution + c) + 1] = y0 + (r + 0.5) * dy;
    }
  }
  const { a } = forwardPass(run.arch, run.params, grid, resolution * resolution);
  const p = a[a.length - 1];
  const cells = Array.from({ length: resolution * resolution }, (_, i) => ({ x: grid[2 * i] - dx / 2, x2: grid[2 * i] + dx / 2, y: grid[2 * i + 1] - dy / 2, y2: grid[2 * i + 1] + dy / 2, p: p[i] }));
  const dots = Array.from({ length: n }, (_, i) => ({ x: x[2 * i], y: x[2 * i + 1], class: String(label[i]) }));
  return draw(el, {
    width: HEIGHT, height: HEIGHT,
    resolve: { scale: { color: 'independent' } },
    layer: [
      {
        data: { values: cells },
        mark: { type: 'rect' },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale: { domain: [x0, x1], nice: false }, title: 'x₁' },
          x2: { field: 'x2' },
          y: { field: 'y', type: 'quantitative', scale: { domain: [y0, y1], nice: false }, title: 'x₂' },
          y2: { field: 'y2' },
          color: { field: 'p', type: 'quantitative', scale: { domain: [0, 1], scheme: 'blueorange' }, title: 'P(class 1)' },
        },
      },
      {
        data: { values: dots },
        mark: { type: 'circle', size: 45, stroke: 'white', strokeWidth: 1, opacity: 1 },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' },
          color: { field: 'class', type: 'nominal', scale: { range: ['#10306b', '#a8320a'] }, legend: null },
        },
      },
    ],
  });
}
