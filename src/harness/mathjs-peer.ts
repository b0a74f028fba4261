// mathjs's `derivative` + `simplify`, run in a worker thread of this process: timed there like
// gradlab is here, and stopped when an expression makes mathjs's simplifier run for minutes. The
// worker loads mathjs before it is given any expression, outside every expression's time limit.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export type MathjsAnswer =
  | { readonly ok: true; readonly seconds: number; readonly nodes: number; readonly printed: string; readonly values: readonly (number | null)[] }
  | { readonly ok: false; readonly error: string };

/** Derives and simplifies (median seconds over up to `reps` runs within `budget` seconds), counts the nodes (parentheses aside, as
 *  gradlab's trees have none) and evaluates the derivative at each point (null where not real). */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const math = require(workerData);
parentPort.postMessage('ready');
parentPort.on('message', ({ source, points, reps, budget }) => {
  try {
    const expr = math.parse(source);
    const times = [];
    let d;
    do {
      const t0 = performance.now();
      d = math.simplify(math.derivative(expr, 'x'));
      times.push((performance.now() - t0) / 1000);
    } while (times.length < reps && times.reduce((a, b) => a + b, 0) < budget);
    times.sort((a, b) => a - b);
    let nodes = 0;
    d.traverse((node) => { if (node.type !== 'ParenthesisNode') nodes++; });
    const f = d.compile();
    const values = points.map((x) => { try { const v = f.evaluate({ x }); return typeof v === 'number' && !Number.isNaN(v) ? v : null; } catch { return null; } });
    parentPort.postMessage({ ok: true, seconds: times[times.length >> 1], nodes, printed: d.toString(), values });
  } catch (err) {
    parentPort.postMessage({ ok: false, error: String(err && err.message || err) });
  }
});`;

/** The installed mathjs, found from this module (the ESM build knows `import.meta.url`; tsup's
 *  CJS build leaves it empty but has `__filename`). */
const mathjsPath = (): string => createRequire(import.meta.url ?? __filename).resolve('mathjs');

export class MathjsPeer {
  private ready: Promise<Worker> | null = null;

  /** `timeout`: seconds allowed per expression, all repetitions included. */
  constructor(private readonly timeout: number) {}

  /** The worker once mathjs has loaded in it: a second or more on a busy machine, which no
   *  expression's limit should pay for. */
  private start(): Promise<Worker> {
    this.ready ??= new Promise((resolve, reject) => {
      const worker = new Worker(WORKER, { eval: true, workerData: mathjsPath() });
      worker.once('message', () => resolve(worker));
      worker.once('error', reject);
    });
    return this.ready;
  }

  /** d/dx of `source` (mathjs syntax), or null when mathjs ran past the timeout and was stopped. */
  async derive(source: string, points: readonly number[], reps: number, budget: number): Promise<MathjsAnswer | null> {
    let worker: Worker;
    try {
      worker = await this.start();
    } catch (err) {
      this.ready = null;
      return { ok: false, error: `the mathjs worker did not start: ${(err as Error).message}` };
    }
    return new Promise((resolve) => {
      const done = (answer: MathjsAnswer | null) => {
        clearTimeout(timer);
        worker.off('message', done);
        worker.off('error', crashed);
        resolve(answer);
      };
      const crashed = (err: Error) => {
        this.ready = null;
        done({ ok: false, error: `the mathjs worker stopped: ${err.message}` });
      };
      const timer = setTimeout(() => {
        // The only way to stop a synchronous simplification is to end its thread.
        this.close();
        done(null);
      }, this.timeout * 1000);
      worker.on('message', done);
      worker.on('error', crashed);
      worker.postMessage({ source, points, reps, budget });
    });
  }

  close(): void {
    void this.ready?.then(
      (worker) => worker.terminate(),
      () => undefined,
    );
    this.ready = null;
  }
}
