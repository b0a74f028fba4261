// The error family: every error gradlab raises carries a `code`, and source errors a span.
import type { Span } from './ast';

export type ErrorCode =
  | 'syntax'
  | 'unknown-function'
  | 'arity'
  | 'nesting'
  | 'assign-constant'
  | 'undefined-variable'
  | 'missing-input'
  | 'unknown-input'
  | 'type'
  | 'index'
  | 'domain'
  | 'iteration-budget'
  // The high-precision reference cannot carry the digits (a trigonometric argument beyond float64's
  // range), or ran past its time limit.
  | 'precision-limit'
  | 'time-limit'
  | 'no-result'
  | 'shape'
  | 'unsupported'
  | 'usage';

export class GradlabError extends Error {
  readonly code: ErrorCode;
  readonly span: Span | undefined;

  constructor(code: ErrorCode, message: string, span?: Span) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.span = span;
  }

  get line(): number | undefined {
    return this.span?.line;
  }

  get column(): number | undefined {
    return this.span?.column;
  }
}

/** The source text does not follow the grammar, or names what does not exist. */
export class ParseError extends GradlabError {
  /** The offending token's text ('' at the end of input). */
  readonly token: string;
  /** What the grammar would have accepted there, in words. */
  readonly expected: readonly string[];

  constructor(code: ErrorCode, message: string, span: Span, token: string, expected: readonly string[] = []) {
    super(code, message, span);
    this.token = token;
    this.expected = expected;
  }
}

/** The program parsed but cannot run on these inputs. */
export class EvalError extends GradlabError {}

/** A method that cannot differentiate this construct: it refuses rather than guess. */
export class UnsupportedError extends GradlabError {
  constructor(
    message: string,
    span?: Span,
    /** The construct refused, e.g. 'while' or 'index'. */
    readonly construct?: string,
  ) {
    super('unsupported', message, span);
  }
}

/** A command line that asks for something that does not exist. */
export class UsageError extends GradlabError {
  constructor(message: string) {
    super('usage', message);
  }
}

/** `message at L:C`, then the source line and a caret under the column. */
export function formatError(error: GradlabError, source?: string): string {
  const span = error.span;
  if (!span || span.line === 0) return `error: ${error.message}`;
  const head = `error: ${error.message} at ${span.line}:${span.column}`;
  if (source === undefined) return head;
  const text = source.split('\n')[span.line - 1] ?? '';
  const gutter = `${span.line} | `;
  const width = Math.max(1, Math.min(span.end - span.start, text.length - span.column + 1));
  const excerpt = clip(text, span.column, 100);
  return [
    head,
    `${gutter}${excerpt.text}`,
    `${' '.repeat(gutter.length - 2)}| ${' '.repeat(excerpt.caret - 1)}${'^'.repeat(Math.min(width, 40))}`,
  ].join('\n');
}

/** Shows at most `max` characters of a long line around the column. */
function clip(text: string, column: number, max: number): { text: string; caret: number } {
  if (text.length <= max) return { text, caret: column };
  const from = Math.max(0, Math.min(column - 1 - Math.floor(max / 2), text.length - max));
  const prefix = from > 0 ? '…' : '';
  const suffix = from + max < text.length ? '…' : '';
  return { text: prefix + text.slice(from, from + max) + suffix, caret: column - from + prefix.length };
}
