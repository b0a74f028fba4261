// Reading what the command line names: the source (argument, file or stdin, gradlab or a .js/.ts
// file's function) and `--at` points.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Program } from '../ast';
import { UsageError, GradlabError, missingPackage } from '../errors';
import { evaluate } from '../evaluate';
import { translateFile } from '../js/translate';
import { parse } from '../parse/parse';
import { splitTopLevel } from './options';

export interface Source {
  readonly text: string;
  /** Where it came from, for messages: a file name, 'stdin' or 'argument'. */
  readonly origin: string;
}

const JS_FILE = /\.(m|c)?js$/;
const TS_FILE = /\.(m|c)?ts$/;

/** `--fn NAME`: which function of a .js/.ts file to take (set from the command line). */
let functionName: string | undefined;

export function chooseFunction(name: string | undefined): void {
  functionName = name;
}

export function readSource(expr: string | undefined, file: string | undefined): Source {
  if (expr !== undefined && file !== undefined) throw new UsageError('give either an expression or -f FILE, not both');
  if (functionName !== undefined && !(file && (JS_FILE.test(file) || TS_FILE.test(file)))) {
    throw new UsageError('--fn names a function of a .js or .ts file given with -f');
  }
  if (file !== undefined) {
    if (file === '-') return { text: readFileSync(0, 'utf8'), origin: 'stdin' };
    try {
      const text = readFileSync(file, 'utf8');
      // Types stripped, lines kept: errors then point at the JavaScript that was translated.
      return { text: TS_FILE.test(file) ? stripTypes(text) : text, origin: file };
    } catch (err) {
      if (err instanceof GradlabError) throw err;
      throw new UsageError(`cannot read '${file}': ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
  }
  if (expr === undefined) throw new UsageError('give an expression, -f FILE, or - to read standard input');
  if (expr === '-') return { text: readFileSync(0, 'utf8'), origin: 'stdin' };
  return { text: expr, origin: 'argument' };
}

/** The program a source holds: gradlab text, or the chosen function of a .js/.ts file. */
export function programOf(source: Source): Program {
  if (JS_FILE.test(source.origin) || TS_FILE.test(source.origin)) return translateFile(source.text, functionName).program;
  return parse(source.text);
}

/** sucrase, an optional peer: a MissingPackageError naming it when it is not installed. */
function loadSucrase(): typeof import('sucrase') {
  try {
    return createRequire(import.meta.url)('sucrase') as typeof import('sucrase');
  } catch (err) {
    return missingPackage(['sucrase'], 'reading TypeScript files')(err);
  }
}

/** TypeScript to JavaScript by sucrase, loaded only when a .ts file is read. */
function stripTypes(text: string): string {
  const { transform } = loadSucrase();
  try {
    return transform(text, { transforms: ['typescript'], disableESTransforms: true }).code;
  } catch (err) {
    const e = err as Error & { loc?: { line: number; column: number } };
    const where = e.loc ? ` at ${e.loc.line}:${e.loc.column + 1}` : '';
    throw new UsageError(`cannot read the TypeScript: ${e.message.replace(/ \(\d+:\d+\)$/, '')}${where}`);
  }
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
