// Parsers of option values that need nothing of the library, so defining the commands stays
// cheap: a usage error here is one line, exit code 1.
import { InvalidArgumentError } from 'commander';
import { UsageError } from '../errors';

/** A repeatable option's values in order: `--at x=1 --at y=2`. One value each, so the option
 *  never swallows the expression after it as variadic options do. */
export function collect(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}

export function positiveInt(v: string): number {
  const n = Number(v);
  // commander prints an InvalidArgumentError's message, with the option's name, before exiting.
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive whole number.');
  return n;
}

export function positiveNumber(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number.');
  return n;
}

/**
 * Splits at commas outside brackets and parentheses: `x=f(a, b), v=[1, 2]` is two parts. An
 * empty part (`x=1,,y=2`, a trailing comma, nothing at all) is a usage error of `flag`.
 */
export function splitTopLevel(spec: string, flag: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i];
    if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(spec.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(spec.slice(start));
  const trimmed = parts.map((p) => p.trim());
  if (trimmed.some((p) => p.length === 0)) {
    throw new UsageError(spec.trim() === '' ? `${flag} is empty` : `${flag} has an empty entry in '${spec}'`);
  }
  return trimmed;
}

/** `finite,reverse`: an option's comma-separated names, none of them empty. */
export function commaList(flag: string): (text: string) => string[] {
  return (text) => splitTopLevel(text, flag);
}
