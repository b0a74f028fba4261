// Source text to AST: tokens from the lexer, exactly one parse from the nearley grammar, and
// errors that say what was found, where, and what would have been accepted.
import nearley from 'nearley';
import type { Expr, Program, Span, Stmt } from '../ast';
import { GradlabError, ParseError } from '../errors';
import grammar from './grammar.generated';
import { checkAssignable, program, type List } from './build';
import { checkDepth, checkTokenDepth } from './depth';
import { spanOf, tokenize, type Token } from './lexer';

export { children, MAX_DEPTH } from './depth';

const compiled = nearley.Grammar.fromCompiled(grammar);

/** Parses a program: statements separated by newlines or `;`, or a single expression. */
export function parse(source: string): Program {
  if (typeof source !== 'string') throw new TypeError('parse expects source text');
  const tokens = tokenize(source);
  checkTargets(tokens);
  checkTokenDepth(tokens);
  const parser = new nearley.Parser(compiled) as EarleyParser;
  // nearley's own report walks the parse stack recursively; ours reads one column.
  parser.reportError = () => '';
  parser.reportLexerError = () => '';
  parser.lexer = streamOf(tokens);
  try {
    parser.feed(source);
  } catch (err) {
    if (err instanceof GradlabError) throw err;
    const token = (err as { token?: Token }).token;
    if (!token) throw err;
    throw unexpected(token, expectedAt(parser, parser.table.length - 2));
  }
  const results = parser.results as (List<Stmt> | null)[];
  if (results.length === 0) {
    throw new ParseError('syntax', `unexpected end of input, expected ${words(expectedAt(parser, parser.table.length - 1))}`, endOf(source), '', expectedAt(parser, parser.table.length - 1));
  }
  if (results.length > 1) {
    throw new Error(`the grammar is ambiguous: ${results.length} parses of ${JSON.stringify(source.slice(0, 80))}`);
  }
  const prog = program([results[0]]);
  checkDepth(prog);
  return prog;
}

/** Parses source that must be one expression, such as the argument of `derivative`. */
export function parseExpression(source: string): Expr {
  const prog = parse(source);
  const only = prog.body[0];
  if (prog.body.length !== 1 || only.kind !== 'expr') {
    throw new ParseError('syntax', 'expected a single expression, not a program', (only ?? prog).span, '');
  }
  return only.value;
}

/** `sin = 1` is refused as an assignment to a function. Checked before parsing, because the
 *  grammar reads the name as a call missing its `(` before it reaches the `=`. */
function checkTargets(tokens: readonly Token[]): void {
  tokens.forEach((t, i) => {
    if (t.type === 'ident' && tokens[i + 1]?.text === '=') checkAssignable(t);
  });
}

function streamOf(tokens: readonly Token[]): nearley.Lexer {
  let i = 0;
  return {
    reset: () => {
      i = 0;
    },
    next: () => tokens[i++],
    save: () => ({}),
    formatError: () => '',
    has: () => true,
  } as unknown as nearley.Lexer;
}

type Symbol = { literal?: string; type?: string } | string;

/** The parts of nearley's parser that its typings leave out: the Earley table, the reporters. */
type EarleyParser = nearley.Parser & {
  table: { states: { rule: { symbols: Symbol[] }; dot: number }[] }[];
  reportError: (token: unknown) => string;
  reportLexerError: (error: unknown) => string;
};

/** What the terminals awaited in one column of the Earley table would accept, in words. */
function expectedAt(parser: EarleyParser, column: number): string[] {
  const states = parser.table[column]?.states ?? [];
  const seen = new Set<string>();
  for (const s of states) {
    const sym = s.rule.symbols[s.dot];
    if (sym === undefined || typeof sym === 'string') continue;
    const word = sym.literal !== undefined ? `'${sym.literal}'` : DESCRIBE[sym.type ?? ''];
    if (word) seen.add(word);
  }
  return [...seen].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

const DESCRIBE: Record<string, string> = {
  number: 'a number',
  ident: 'a name',
  func: 'a function call',
  sep: 'a newline or ;',
};

function rank(word: string): number {
  return word.startsWith("'") ? 1 : 0;
}

function words(list: readonly string[]): string {
  if (list.length === 0) return 'nothing more';
  if (list.length === 1) return list[0];
  return `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
}

function unexpected(token: Token, expected: string[]): ParseError {
  const shown = token.type === 'sep' ? (token.text === '\n' ? 'end of line' : "';'") : `'${token.text}'`;
  return new ParseError('syntax', `unexpected ${shown}, expected ${words(expected)}`, spanOf(token), token.text, expected);
}

function endOf(source: string): Span {
  const lines = source.split('\n');
  const line = lines.length;
  const column = lines[line - 1].length + 1;
  return { start: source.length, end: source.length, line, column };
}
