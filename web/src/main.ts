// The playground's wiring: inputs to the two panels, recomputed as the user types or trains.
import 'katex/dist/katex.min.css';
import './style.css';
import { GradlabError, OPTIMIZERS, TRAIN_METHODS, type DatasetName, type OptimizerName, type TrainMethod, type Activation } from 'gradlab';
import { fnOf, run, showDerivative, showResults } from './differentiate';
import { drawBoundary, drawLoss, drawNorms, Run, stepTimes, type Settings } from './network';
import { alignPoint, parsePoint } from './point';
import { SEEDS } from './seeds';
import { drawVCurve, vCurve } from './vcurve';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** An error as one line: the message and, for source errors, the line and column. */
function describe(err: unknown): string {
  if (err instanceof GradlabError) return err.span && err.span.line > 0 ? `${err.message} at ${err.span.line}:${err.span.column}` : err.message;
  return `internal error: ${(err as Error)?.message ?? String(err)}`;
}

function showError(id: string, err: unknown | undefined): void {
  const el = $(id);
  el.hidden = err === undefined;
  el.textContent = err === undefined ? '' : describe(err);
}

// --- differentiation ---

const source = $<HTMLTextAreaElement>('source');
const point = $<HTMLInputElement>('point');
let inputsKey = '';
let updates = 0;

async function update(): Promise<void> {
  const panel = $('differentiate');
  panel.dataset.state = 'busy';
  // What this update computed, for a reader (or a test) to know which input the page shows.
  panel.dataset.source = source.value;
  panel.dataset.point = point.value;
  try {
    const fn = fnOf(source.value);
    const key = fn.inputs.join(',');
    if (key !== inputsKey) {
      point.value = alignPoint(point.value, fn.inputs);
      inputsKey = key;
    }
    $('kind').textContent = `inputs: ${fn.inputs.join(', ') || 'none'}`;
    panel.dataset.point = point.value;
    const at = parsePoint(point.value, fn.inputs);
    const out = run(fn, at);
    showError('error', undefined);
    $('results').hidden = false;
    showResults(out);
    showDerivative(out, at);
    const chart = $('vcurve');
    if (typeof out.comparison.value === 'number') {
      const curve = vCurve(fn, at, out.referenceGradient);
      await drawVCurve(chart, curve);
      const failed = Object.entries(curve.failed).map(([s, why]) => `${s}: ${why}`);
      $('vcurve-note').textContent = [
        `Diamonds mark each scheme's best step: ${curve.optima.map((o) => `${o.scheme} h = ${o.h.toExponential(0)} (error ${o.error.toExponential(1)})`).join('; ')}.`,
        ...failed,
      ].join(' ');
    } else {
      chart.replaceChildren();
      $('vcurve-note').textContent = 'The V curve is drawn for a function with one output.';
    }
  } catch (err) {
    showError('error', err);
    if (!(err instanceof GradlabError)) console.error(err);
  } finally {
    panel.dataset.state = 'ready';
    panel.dataset.updates = String(++updates);
  }
}

let pending: ReturnType<typeof setTimeout> | undefined;
const soon = () => {
  clearTimeout(pending);
  pending = setTimeout(update, 250);
};
source.addEventListener('input', soon);
point.addEventListener('input', soon);

function seed(name: string): void {
  const s = SEEDS[name];
  source.value = s.source;
  point.value = s.point;
  inputsKey = '';
  try {
    inputsKey = fnOf(s.source).inputs.join(',');
  } catch {
    // update() reports it
  }
  void update();
}
document.querySelectorAll<HTMLButtonElement>('[data-seed]').forEach((b) => b.addEventListener('click', () => seed(b.dataset.seed!)));

// --- training ---

const form = $<HTMLFormElement>('train-form');
const methodSelect = $<HTMLSelectElement>('method');
const optimizerSelect = $<HTMLSelectElement>('optimizer');
methodSelect.append(...TRAIN_METHODS.map((m) => new Option(m, m, m === 'reverse', m === 'reverse')));
optimizerSelect.append(...OPTIMIZERS.map((o) => new Option(o, o, o === 'adam', o === 'adam')));

/** Settings that train each dataset well in seconds. */
const PRESETS: Record<string, { layers: string; batch: number; epochs: number; lr: number }> = {
  xor: { layers: '2,4,1', batch: 4, epochs: 300, lr: 0.05 },
  moons: { layers: '2,8,8,1', batch: 32, epochs: 100, lr: 0.02 },
  circles: { layers: '2,8,8,1', batch: 32, epochs: 150, lr: 0.02 },
  spirals: { layers: '2,16,16,1', batch: 32, epochs: 300, lr: 0.01 },
};

function preset(name: string): void {
  const p = PRESETS[name];
  $<HTMLInputElement>('layers').value = p.layers;
  $<HTMLInputElement>('batch').value = String(p.batch);
  $<HTMLInputElement>('epochs').value = String(p.epochs);
  $<HTMLInputElement>('lr').value = String(p.lr);
}
$<HTMLSelectElement>('data').addEventListener('change', (e) => preset((e.target as HTMLSelectElement).value));

function settings(): Settings {
  const num = (id: string, what: string, whole: boolean) => {
    const v = Number($<HTMLInputElement>(id).value);
    if (!Number.isFinite(v) || v <= 0 || (whole && !Number.isInteger(v))) throw new GradlabError('usage', `${what} must be a positive ${whole ? 'whole number' : 'number'}`);
    return v;
  };
  const sizes = $<HTMLInputElement>('layers').value.split(',').map((s) => Number(s.trim()));
  if (sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s < 1)) throw new GradlabError('usage', 'layers must be whole numbers separated by commas, as in 2,8,8,1');
  return {
    data: $<HTMLSelectElement>('data').value as DatasetName,
    sizes,
    activation: $<HTMLSelectElement>('activation').value as Activation,
    method: methodSelect.value as TrainMethod,
    optimizer: optimizerSelect.value as OptimizerName,
    lr: num('lr', 'the learning rate', false),
    batch: num('batch', 'the batch size', true),
    epochs: num('epochs', 'epochs', true),
  };
}

const times = new Map<TrainMethod, number>();
function showTimes(): void {
  const body = document.querySelector<HTMLTableSectionElement>('#step-times tbody')!;
  body.replaceChildren();
  const manual = times.get('manual');
  for (const m of TRAIN_METHODS) {
    const s = times.get(m);
    if (s === undefined) continue;
    const row = body.insertRow();
    row.dataset.method = m;
    row.insertCell().textContent = m;
    const cell = row.insertCell();
    cell.textContent = s < 1e-3 ? `${(s * 1e6).toPrecision(3)} µs` : `${(s * 1e3).toPrecision(3)} ms`;
    cell.dataset.raw = String(s);
    row.insertCell().textContent = manual ? `${(s / manual).toPrecision(3)}×` : '';
  }
}

let current: Run | undefined;
let stopped = false;

async function redraw(r: Run): Promise<void> {
  await Promise.all([drawLoss($('loss-chart'), r), drawBoundary($('boundary-chart'), r), drawNorms($('norms-chart'), r)]);
}

function status(r: Run): void {
  const last = r.history[r.history.length - 1];
  const el = $('train-status');
  const acc = last ? last.trainAccuracy : NaN;
  el.textContent = r.diverged ?? (last
    ? `epoch ${last.epoch} of ${r.settings.epochs}: train loss ${last.trainLoss.toPrecision(3)}, train accuracy ${(100 * acc).toFixed(1)}%` +
      (Number.isFinite(last.testAccuracy) ? `, test accuracy ${(100 * last.testAccuracy).toFixed(1)}%` : '') +
      `; ${r.settings.method} gradients, ${(r.secondsPerStep * 1e6).toPrecision(3)} µs a step${r.done ? ' (done)' : ''}`
    : 'starting');
  el.dataset.epoch = String(last?.epoch ?? 0);
  el.dataset.accuracy = String(acc);
  el.dataset.done = String(r.done);
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  stopped = true;
  let r: Run;
  try {
    r = new Run(settings());
    showError('train-error', undefined);
  } catch (err) {
    showError('train-error', err);
    return;
  }
  current = r;
  stopped = false;
  $<HTMLButtonElement>('stop').disabled = false;
  const tick = async () => {
    if (current !== r || stopped) return;
    const t0 = performance.now();
    try {
      while (!r.done && performance.now() - t0 < 60) r.epoch();
    } catch (err) {
      showError('train-error', err);
      r.diverged = describe(err);
    }
    times.set(r.settings.method, r.secondsPerStep);
    showTimes();
    status(r);
    await redraw(r);
    if (!r.done && !stopped) setTimeout(tick, 0);
    else $<HTMLButtonElement>('stop').disabled = true;
  };
  void tick();
});

$('stop').addEventListener('click', () => {
  stopped = true;
  $<HTMLButtonElement>('stop').disabled = true;
});

$('time-methods').addEventListener('click', () => {
  try {
    for (const { method, seconds } of stepTimes(settings(), TRAIN_METHODS)) times.set(method, seconds);
    showTimes();
    showError('train-error', undefined);
  } catch (err) {
    showError('train-error', err);
  }
});

// --- start ---
preset('xor');
seed('wolfram');
