// What the public printers take: a node, simplify()'s result, a compiled function, or source text,
// so that print(simplify('x + x')) reads as it is written; anything else is a usage error saying
// what was passed, never a TypeError from inside the printer.
import { NODE_KINDS, type Node } from '../ast';
import type { Fn } from '../diff/fn';
import { UsageError } from '../errors';
import { parse } from '../parse/parse';
import type { Simplified } from '../symbolic/simplify';
import { toLatex as latexOf } from './latex';
import { print as textOf } from './print';

export type Printable = Node | Simplified | Fn | string;

function nodeOf(v: unknown, verb: string): Node {
  if (typeof v === 'string') return parse(v);
  if (v !== null && typeof v === 'object') {
    const kind = (v as { kind?: unknown }).kind;
    if (typeof kind === 'string' && NODE_KINDS.has(kind)) return v as Node;
    if (kind === 'fn') {
      const program = (v as Fn).program;
      if (program) return program;
      throw new UsageError(`${verb}: this function was built from expressions and has no program to print`);
    }
    if ('expr' in v && 'complete' in v) return nodeOf((v as Simplified).expr, verb);
  }
  const what = v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object that is not an expression' : `a ${typeof v}`;
  throw new UsageError(`${verb} takes an expression, a program, simplify()'s result, a compiled function or source text, not ${what}`);
}

/** gradlab text of an expression or program, with the fewest parentheses. */
export const print = (v: Printable): string => textOf(nodeOf(v, 'print'));

/** LaTeX of an expression or program. */
export const toLatex = (v: Printable): string => latexOf(nodeOf(v, 'toLatex'));
