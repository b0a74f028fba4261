// Reading what the command line names: the source (argument, file or stdin) and `--at` points.
import { readFileSync } from 'node:fs';
import { UsageError, GradlabError } from '../errors';
import { evaluate } from '../evaluate';
import { splitTopLevel } from './options';

export interface Source {
  readonly text: string;
  /** Where it came from, for messages: a file name, 'stdin' or 'argument'. */
  readonly origin: string;
}

export function readSource(expr: string | undefined, file: string | undefined): Source {
  if (expr !== undefined && file !== undefined) throw new UsageError('give either an expression or -f FILE, not both');
  if (file !== undefined) {
    if (file === '-') return { text: readFileSync(0, 'utf8'), origin: 'stdin' };
    try {
      return { text: readFileSync(file, 'utf8'), origin: file };
    } catch (err) {
      throw new UsageError(`cannot read '${file}': ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
  }
  if (expr === undefined) throw new UsageError('give an expression, -f FILE, or - to read standard input');
  if (expr === '-') return { text: readFileSync(0, 'utf8'), origin: 'stdin' };
  return { text: expr, origin: 'argument' };
}

/**
 * `x=1,y=2`, `x=[1,2,3]`, `t=pi/4`: a list of name=value pairs split at top-level commas.
 * Each value is a constant gradlab expression, so `pi/4` and `1e-3` both work. `flag` names the
 * option in messages (`--at`, or `--grad` for a claimed gradient).
 */
export function parsePoint(specs: readonly string[], flag = '--at'): Record<string, number | number[]> {
  const point: Record<string, number | number[]> = {};
  for (const spec of specs) {
    for (const pair of splitTopLevel(spec, flag)) {
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      if (eq < 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        throw new UsageError(`${flag} expects name=value pairs such as x=1.5 or v=[1,2], got '${pair}'`);
      }
      if (name in point) throw new UsageError(`${flag} gives '${name}' twice`);
      point[name] = constantValue(flag, name, pair.slice(eq + 1));
    }
  }
  return point;
}

function constantValue(flag: string, name: string, text: string): number | number[] {
  try {
    return evaluate(text);
  } catch (err) {
    if (err instanceof GradlabError) {
      throw new UsageError(`${flag} ${name}=${text}: ${err.message}${err.code === 'missing-input' ? ' (values must be constants)' : ''}`);
    }
    throw err;
  }
}
