// `gradlab train` end to end, through the built binary dist/cli.js (`npm run build` first): the
// JSON summary, the files of --out, a model saved and loaded, and clear errors for bad input.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function train(args: readonly string[]): Run {
  const r = spawnSync(process.execPath, [CLI, 'train', ...args], { encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Summary {
  method: string;
  epochs: number;
  train: { loss: number; accuracy: number };
  test: { loss: number; accuracy: number };
  secondsPerStep: number;
  steps?: number;
  diverged?: string;
}

const summary = (r: Run): Summary => JSON.parse(r.stdout);

/** A failure the user can act on: exit 1, an `error:` line, and no stack trace or internal error. */
function expectCleanFailure(r: Run, message: RegExp): void {
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/^error: /m);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/internal error/);
}

let dir: string;

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' before the CLI tests`);
  dir = mkdtempSync(join(tmpdir(), 'gradlab-train-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--json', () => {
  it('prints method, epochs, train and test {loss, accuracy} and secondsPerStep', () => {
    const r = train(['--data', 'moons', '--samples', '80', '--method', 'manual', '--batch', 'full', '--epochs', '3', '--json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const s = summary(r);
    expect(Object.keys(s)).toEqual(expect.arrayContaining(['method', 'epochs', 'train', 'test', 'secondsPerStep']));
    for (const split of [s.train, s.test]) {
      expect(Object.keys(split).sort()).toEqual(['accuracy', 'loss']);
      expect(split.loss).toBeTypeOf('number');
      expect(split.accuracy).toBeGreaterThanOrEqual(0);
      expect(split.accuracy).toBeLessThanOrEqual(1);
    }
    expect([s.method, s.epochs, s.steps]).toEqual(['manual', 3, 3]);
    expect(s.secondsPerStep).toBeGreaterThan(0);
    expect(s.diverged).toBeUndefined();
  });

  it('trains the same on either engine (--engine interpreted is the teaching path)', () => {
    const args = ['--data', 'xor', '--layers', '2,4,1', '--activation', 'tanh', '--epochs', '20', '--json'];
    const compiled = summary(train([...args, '--engine', 'compiled']));
    const interpreted = summary(train([...args, '--engine', 'interpreted']));
    expect(interpreted.train.loss).toBeCloseTo(compiled.train.loss, 12);
    expect(interpreted.test).toEqual(compiled.test);
    expectCleanFailure(train(['--engine', 'jit']), /--engine/);
  });
});

describe('--out', () => {
  it.each([
    ['moons', ['boundary.svg', 'gradient-norms.svg', 'loss.svg', 'metrics.json'], ['--samples', '60']],
    // Iris has four features: no plane to draw a boundary on.
    ['iris',  ['gradient-norms.svg', 'loss.svg', 'metrics.json'],                 []],
  ])('%s writes %j', (data, files, extra) => {
    const out = join(dir, `out-${data}`);
    const r = train(['--data', data, ...extra, '--epochs', '3', '--method', 'manual', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`wrote ${out}/metrics.json`);
    expect(readdirSync(out).sort()).toEqual(files);
    for (const svg of files.filter((f) => f.endsWith('.svg'))) expect(readFileSync(join(out, svg), 'utf8')).toMatch(/^<svg/);
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    expect(metrics.data).toBe(data);
    expect(metrics.epochs).toBe(3);
    expect(metrics.history).toHaveLength(3);
    expect(metrics.history[0].gradientNorms).toHaveLength(metrics.architecture.sizes.length - 1);
  });
});

describe('--save and --load', () => {
  // tanh, not the default relu: a loaded model must keep its own activation.
  const TRAINING = ['--data', 'moons', '--activation', 'tanh', '--lr', '0.01', '--seed', '2'];
  let model: string;
  let saved: Summary;

  beforeAll(() => {
    model = join(dir, 'moons.json');
    const r = train([...TRAINING, '--epochs', '20', '--save', model, '--json']);
    expect(r.status).toBe(0);
    saved = summary(r);
  });

  it('saves the architecture and every parameter', () => {
    const doc = JSON.parse(readFileSync(model, 'utf8'));
    expect(doc.format).toBe('gradlab-model');
    expect(doc.architecture).toEqual({ sizes: [2, 16, 16, 1], activation: 'tanh', output: 'sigmoid', loss: 'bce' });
    expect(doc.params).toHaveLength(2 * 16 + 16 + 16 * 16 + 16 + 16 + 1);
    expect(saved.test.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('loads it back: one more epoch at a tiny rate keeps the test accuracy and loss', () => {
    const r = train(['--data', 'moons', '--seed', '2', '--load', model, '--epochs', '1', '--lr', '1e-9', '--json']);
    expect(r.status).toBe(0);
    const s = summary(r);
    expect(Math.abs(s.test.accuracy - saved.test.accuracy)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(s.test.loss - saved.test.loss)).toBeLessThan(1e-3 * saved.test.loss + 1e-9);
  });

  it('refuses to reinterpret it with another activation', () => {
    const r = train(['--data', 'moons', '--seed', '2', '--load', model, '--activation', 'relu', '--epochs', '1']);
    expectCleanFailure(r, /has layers 2,16,16,1 tanh, not layers 2,16,16,1 relu/);
  });
});

describe('bad input exits 1 with an error line and no stack trace', () => {
  const model = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const params = (n: number) => Array.from({ length: n }, () => 0.1);
  const architecture = { sizes: [2, 3, 1], activation: 'tanh', output: 'sigmoid', loss: 'bce' };

  it.each([
    ['an unknown dataset', () => ['--data', 'nope'], /'nope' is invalid.*xor, moons/],
    ['layers that do not fit the data', () => ['--data', 'moons', '--layers', '3,4,1'], /the layers 3,4,1 do not fit moons.*2 features/],
    ['layers that are not numbers', () => ['--data', 'moons', '--layers', '2,x,1'], /layers must be two or more positive whole numbers/],
    ['a model file that is not JSON', () => ['--load', model('corrupt.json', '{"format": "gradlab-model", "archi')], /cannot read the model '.*corrupt\.json'/],
    ['a model file that is not a model', () => ['--load', model('other.json', '{"hello": 1}')], /'.*other\.json' is not a gradlab model/],
    ['a model whose parameters do not fill its layers', () => ['--load', model('short.json', JSON.stringify({ format: 'gradlab-model', version: 1, architecture, params: params(12) }))], /'.*short\.json' is damaged/],
  ])('%s', (_, args, message) => {
    expectCleanFailure(train([...args(), '--epochs', '1']), message);
  });
});

describe('divergence', () => {
  const DIVERGING = ['--data', 'regression', '--loss', 'mse', '--optimizer', 'sgd', '--lr', '1e6', '--epochs', '50'];
  const MESSAGE = /^error: training diverged at epoch \d+, step \d+: .*(layer \d+|the loss)/m;

  it('exits 1 and says where training diverged', () => {
    expectCleanFailure(train(DIVERGING), MESSAGE);
  });

  it('with --json, also reports it in the summary and stops early', () => {
    const r = train([...DIVERGING, '--json']);
    expectCleanFailure(r, MESSAGE);
    const s = summary(r);
    expect(s.diverged).toMatch(/epoch \d+/);
    expect(s.epochs).toBeLessThan(50);
  });
});

describe('--history', () => {
  it('steps: the summary carries one record per step', () => {
    const r = train(['--data', 'xor', '--layers', '2,4,1', '--activation', 'tanh', '--batch', '2', '--epochs', '2', '--history', 'steps', '--json']);
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout) as Summary & { stepHistory: { step: number; epoch: number; batchLoss: number; trainLoss: number; seconds: number }[] };
    expect(s.stepHistory).toHaveLength(s.steps!);
    expect(Object.keys(s.stepHistory[0]).sort()).toEqual(['batchLoss', 'epoch', 'seconds', 'step', 'trainLoss']);
  });

  it('rejects what it does not know', () => {
    expectCleanFailure(train(['--history', 'batches']), /--history/);
  });
});
