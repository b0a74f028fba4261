// `gradlab check`: is a claimed gradient (given as numbers, or as one expression per input) the
// gradient of f at the point? The Taylor remainder's slope decides; forward mode stands beside it.
import { Command } from 'commander';
import { GradlabError, UsageError } from '../errors';
import type { GradientCheck } from '../harness/check';
import { toJson } from '../report/json';
import { collect, splitTopLevel } from './options';
import { session, write } from './session';

interface CheckFlags {
  file?: string;
  at?: string[];
  grad?: string[];
  gradExpr?: string;
  seed: number;
  json?: boolean;
}

/** `x=2x y + cos(y), y=x^2`: each input's derivative as an expression, evaluated at the point. */
async function gradientFromExpressions(spec: string, at: Record<string, number | number[]>): Promise<Record<string, number | number[]>> {
  const { parse } = await import('../parse/parse');
  const { inputsOf } = await import('../interpret/inputs');
  const { evaluate } = await import('../evaluate');
  const out: Record<string, number | number[]> = {};
  for (const pair of splitTopLevel(spec, '--grad-expr')) {
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    if (eq < 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError(`--grad-expr expects name=expression pairs such as x=2x y, got '${pair}'`);
    if (name in out) throw new UsageError(`--grad-expr gives '${name}' twice`);
    const text = pair.slice(eq + 1);
    try {
      const prog = parse(text);
      const uses = Object.fromEntries(inputsOf(prog).map((u) => [u.name, at[u.name]]).filter(([, v]) => v !== undefined));
      out[name] = evaluate(prog, uses);
    } catch (err) {
      if (err instanceof GradlabError) throw new UsageError(`--grad-expr ${name}=${text.trim()}: ${err.message}`);
      throw err;
    }
  }
  return out;
}

const num = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(12))) : String(x));
const shaped = (g: Record<string, number | number[]>) =>
  Object.entries(g)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? num(v) : `[${v.map(num).join(', ')}]`}`)
    .join(', ');

function formatCheck(c: GradientCheck, seed: number): string {
  const rows = c.points.map((p, i) => {
    const prev = c.points[i - 1]?.remainder;
    const local = p.remainder !== null && prev && p.remainder > 0 ? Math.log2(prev / p.remainder) : null;
    const t = `2^-${Math.round(-Math.log2(p.t))}`;
    return `  ${(Number.isInteger(Math.log2(p.t)) ? t : p.t.toExponential(1)).padStart(6)}  ${(p.remainder === null ? 'not evaluated' : p.remainder.toExponential(2)).padStart(13)}  ${local === null ? '' : local.toFixed(2).padStart(6)}${p.used ? '  *' : ''}`;
  });
  return [
    `Taylor remainder r(t) = |f(x + t·v) − f(x) − t·⟨g, v⟩| along a random direction v (seed ${seed}); * in the fit`,
    `       t           r(t)   slope`,
    ...rows,
    '',
    `${c.verdict}: ${c.slope === null ? 'no slope' : `slope ${c.slope.toFixed(2)}`}; ${c.reason}`,
    `claimed   ${shaped(c.claimed)}`,
    `forward   ${shaped(c.forward)}`,
    `relative error against forward mode ${c.relError === 0 ? '0' : c.relError.toExponential(2)}`,
  ].join('\n');
}

export function addCheckCommand(cli: Command): void {
  cli
    .command('check')
    .description('check a claimed gradient by its Taylor remainder (slope 2: right, slope 1: wrong) and against forward mode')
    .argument('[expr]', "f, a scalar function; '-' reads standard input")
    .option('-f, --file <path>', "read the program from a file ('-' for standard input)")
    .option('--at <point>', 'input values: x=1,y=2 or v=[1,2,3]; may be repeated', collect)
    .option('--grad <values>', 'the claimed gradient as values, like --at: x=4.02,y=0.77 or v=[1,2,3]; may be repeated', collect)
    .option('--grad-expr <list>', "the claimed gradient as one expression per input: 'x=2x y + y cos(x y), y=x^2 + x cos(x y)'")
    .option('--seed <n>', 'seed of the random direction', (v) => {
      const n = Number(v);
      if (!Number.isSafeInteger(n)) throw new UsageError(`--seed expects a whole number, got '${v}'`);
      return n;
    }, 1)
    .option('--json', 'print {"verdict", "slope", "reason", "value", "claimed", "forward", "relError", "seed", "direction", "points"}')
    .addHelpText('after', `
The verdict is ok (the remainder falls as t², slope near 2), wrong (as t, slope near 1; exit code 1)
or inconclusive. f is evaluated at x + t·v for t = 2^-1 … 2^-20, v random with entries scaled to
max(|xᵢ|, 1); the slope is fitted over the smallest t whose remainder stands above round-off.
Examples:
  gradlab check "x^2 y + sin(x y)" --at x=1.5,y=2 --grad x=4.0200,y=0.7650
  gradlab check "x^2 y + sin(x y)" --at x=1.5,y=2 --grad-expr "x=2x y + y cos(x y), y=x^2 + x cos(x y)"
  gradlab check "dot(v, v)" --at v=[1,2,3] --grad v=[2,4,6] --json`)
    .action(async (expr: string | undefined, o: CheckFlags) => {
      const { load } = await import('./load');
      const { parsePoint } = await import('./inputs');
      const prog = load(expr, o.file, o.json);
      const at = parsePoint(o.at ?? []);
      if ((o.grad === undefined) === (o.gradExpr === undefined)) throw new UsageError('give the claimed gradient with either --grad or --grad-expr');
      const claimed = o.grad ? parsePoint(o.grad, '--grad') : await gradientFromExpressions(o.gradExpr!, at);
      const { checkGradient } = await import('../harness/check');
      const c = checkGradient(prog, at, claimed, { seed: o.seed });
      session.json = !!o.json;
      write(o.json ? toJson({ ...c, seed: o.seed }) : formatCheck(c, o.seed));
      if (c.verdict === 'wrong') process.exitCode = 1;
    });
}
