// mathjs's `derivative` + `simplify`, run in a worker thread of this process: timed there like
// gradlab is here, and stopped when an expression makes mathjs's simplifier run for minutes.
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
  private worker: Worker | null = null;

  /** `timeout`: seconds allowed per expression, all repetitions included. */
  constructor(private readonly timeout: number) {}

  private start(): Worker {
    this.worker ??= new Worker(WORKER, { eval: true, workerData: mathjsPath() });
    return this.worker;
  }

  /** d/dx of `source` (mathjs syntax), or null when mathjs ran past the timeout and was stopped. */
  derive(source: string, points: readonly number[], reps: number, budget: number): Promise<MathjsAnswer | null> {
    const worker = this.start();
    return new Promise((resolve) => {
      const done = (answer: MathjsAnswer | null) => {
        clearTimeout(timer);
        worker.off('message', done);
        worker.off('error', crashed);
        resolve(answer);
      };
      const crashed = (err: Error) => {
        this.worker = null;
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
    void this.worker?.terminate();
    this.worker = null;
  }
}
