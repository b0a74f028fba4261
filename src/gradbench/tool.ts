// The tool's side of the protocol: one response per message. `start` names the tool, `define`
// says whether a module is implemented, `evaluate` prepares the call (untimed) and runs it as
// often as the input's min_runs and min_seconds ask, one `evaluate` timing per run.
import type { Method } from '../diff/types';
import { GradlabError } from '../errors';
import { runsOf, type Runs } from './input';
import { DECLINED, MODULES } from './modules';
import type { Prepared } from './module';
import type { Message, Response, Timing } from './protocol';

export interface ToolOptions {
  readonly method: Method;
}

export class Tool {
  /** The clock, in nanoseconds. */
  private readonly now = (): bigint => process.hrtime.bigint();

  constructor(private readonly options: ToolOptions) {}

  respond(message: Message): Response {
    const id = message.id;
    switch (message.kind) {
      case 'start':
        return { id, tool: 'gradlab', config: { method: this.options.method.name } };
      case 'define':
        return this.define(id, message.module);
      case 'evaluate':
        try {
          return this.evaluate(id, message.module, message.function, message.input);
        } catch (err) {
          return failure(id, err);
        }
      case 'other':
        return { id };
    }
  }

  private define(id: number, module: string): Response {
    if (MODULES.has(module)) return { id, success: true };
    const why = DECLINED[module] ?? 'it is not one of the evals gradlab knows';
    return { id, success: false, code: 'unsupported', error: `gradlab does not implement '${module}': ${why} (it implements ${[...MODULES.keys()].join(', ')})` };
  }

  private evaluate(id: number, name: string, fn: string, input: unknown): Response {
    const module = MODULES.get(name);
    if (!module) return this.define(id, name);
    const prepare = Object.hasOwn(module.functions, fn) ? module.functions[fn] : undefined;
    if (!prepare) {
      return { id, success: false, code: 'usage', error: `${name} has no function '${fn}' (it has ${Object.keys(module.functions).join(', ')})` };
    }
    const runs = runsOf(input);
    // Converting the input, compiling, and the first call (which traces the program, or derives
    // and compiles the symbolic derivative, for this shape) are done once: `prepare`.
    const t0 = this.now();
    const prepared = prepare(input, this.options.method);
    prepared.run();
    const prepareNs = this.now() - t0;
    const { output, timings } = this.repeat(prepared, runs);
    return { id, success: true, output, timings: [{ name: 'prepare', nanoseconds: Number(prepareNs) }, ...timings] };
  }

  /** At least min_runs runs, and more until their summed time passes min_seconds. */
  private repeat(prepared: Prepared, runs: Runs): { output: unknown; timings: Timing[] } {
    const timings: Timing[] = [];
    const limit = BigInt(Math.round(runs.minSeconds * 1e9));
    let total = 0n;
    let output: unknown;
    do {
      const t0 = this.now();
      output = prepared.run();
      const ns = this.now() - t0;
      total += ns;
      timings.push({ name: 'evaluate', nanoseconds: Number(ns) });
    } while (timings.length < runs.minRuns || total < limit);
    return { output: checkedOutput(output), timings };
  }
}

/** JSON has no NaN or infinities: an output holding one is an error, not a null. */
function checkedOutput(output: unknown): unknown {
  const bad = (v: unknown): boolean =>
    typeof v === 'number' ? !Number.isFinite(v) : typeof v === 'object' && v !== null && Object.values(v).some(bad);
  if (bad(output)) throw new GradlabError('domain', 'the output holds a number that is not finite');
  return output;
}

function failure(id: number, err: unknown): Response {
  if (err instanceof GradlabError) {
    const at = err.line ? ` at ${err.line}:${err.column} of the eval's gradlab program` : '';
    return { id, success: false, code: err.code, error: err.message + at };
  }
  // A RangeError from a tape too large for memory, say: still an answer, never a crash.
  return { id, success: false, code: 'internal', error: `internal error: ${(err as Error)?.message ?? String(err)}` };
}
