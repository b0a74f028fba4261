// The moo lexer, and the token stream nearley reads: comments and blanks dropped, separators
// merged, and the few tokens whose meaning depends on their neighbour reclassified.
import moo from 'moo';
import type { Span } from '../ast';
import { ParseError } from '../errors';

const KEYWORDS = ['while', 'if', 'else', 'for', 'return', 'and', 'or', 'not'];

export const lexer = moo.compile({
  blank: /[ \t\r]+/,
  comment: /#[^\n]*/,
  newline: { match: /\n/, lineBreaks: true },
  number: /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/,
  ident: { match: /[A-Za-z_][A-Za-z0-9_]*/, type: moo.keywords({ keyword: KEYWORDS }) },
  op: ['==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '^', '=', '(', ')', '[', ']', '{', '}', ',', ';', ':'],
  error: moo.error,
});

export type Token = moo.Token;

export function spanOf(t: Token): Span {
  return { start: t.offset, end: t.offset + t.text.length, line: t.line, column: t.col };
}

/**
 * Lexes `source` into the tokens the grammar sees:
 * - newlines inside ( ) and [ ] are blanks, so long expressions may wrap;
 * - runs of newlines and `;` become one `sep`, none at the start or end, none after `{`,
 *   before `}` or before `else`, and one after a `}` that a statement follows (`} return x`);
 * - a name directly before `(` is `func`: `sin(x)` is a call, `x(6 - 2)` a product, decided
 *   by the table and never by the parser guessing;
 * - `a / b` between two numbers and before a name or `(` is one `fraction`: `1/2x` is (1/2)·x,
 *   as in mathjs and Wolfram Alpha.
 */
export function tokenize(source: string): Token[] {
  lexer.reset(source);
  const raw: Token[] = [];
  let depth = 0;
  for (const t of lexer) {
    if (t.type === 'error') {
      throw new ParseError('syntax', `unexpected character '${t.text[0]}'`, { ...spanOf(t), end: t.offset + 1 }, t.text[0]);
    }
    if (t.type === 'blank' || t.type === 'comment') continue;
    if (t.text === '(' || t.text === '[') depth++;
    if ((t.text === ')' || t.text === ']') && depth > 0) depth--;
    if (t.type === 'newline' || t.text === ';') {
      if (t.type === 'newline' && depth > 0) continue;
      const prev = raw[raw.length - 1];
      if (!prev || prev.type === 'sep' || prev.text === '{') continue;
      raw.push({ ...t, type: 'sep' });
      continue;
    }
    const prev = raw[raw.length - 1];
    if (prev?.type === 'sep' && (t.text === '}' || t.text === 'else')) raw.pop();
    if (prev?.text === '}' && t.text !== '}' && t.text !== ')' && t.text !== ']' && t.text !== 'else' && t.text !== ',') {
      raw.push({ ...prev, type: 'sep', text: ';', value: ';' });
    }
    raw.push(t);
  }
  if (raw[raw.length - 1]?.type === 'sep') raw.pop();
  return reclassify(raw, source);
}

function reclassify(tokens: Token[], source: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (t.type === 'ident' && next?.text === '(') {
      out.push({ ...t, type: 'func' });
      continue;
    }
    const [slash, denominator, after] = [tokens[i + 1], tokens[i + 2], tokens[i + 3]];
    const before = tokens[i - 1];
    if (
      t.type === 'number' &&
      slash?.text === '/' &&
      denominator?.type === 'number' &&
      (after?.type === 'ident' || after?.text === '(') &&
      before?.text !== '^'
    ) {
      const text = source.slice(t.offset, denominator.offset + denominator.text.length);
      out.push({ ...t, type: 'fraction', text, value: `${t.value}/${denominator.value}` });
      i += 2;
      continue;
    }
    out.push(t);
  }
  return out;
}
