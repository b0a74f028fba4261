// The parser on arbitrary text: it returns a program or throws a ParseError with a code and a
// position, never anything else (no TypeError from a postprocessor, no RangeError from depth).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GradlabError } from '../../src/errors';
import { MAX_DEPTH, parse } from '../../src/parse/parse';
import { print } from '../../src/print/print';
import { programArb } from '../support/arbitraries';

/** Pieces the lexer knows, and a few it does not, so that soup is near enough to be interesting. */
const PIECES = [
  'x', 'y', 'v', 'pi', 'e', 'sin', 'sum', 'length', 'max', 'x1', '2', '0.5', '1e3', '1e999', '1/2',
  '+', '-', '*', '/', '^', '=', '==', '<', '>=', '!=', '(', ')', '[', ']', '{', '}', ',', ';', ':', '\n', ' ',
  'if', 'else', 'while', 'for', 'return', 'and', 'or', 'not', '#c\n', '$', 'é', '\t', '.',
];

const soup = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join(''));

/** A printed program with characters deleted, inserted or replaced at random positions. */
const mutated = fc
  .tuple(programArb().map(print), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...PIECES, '')), { minLength: 1, maxLength: 4 }))
  .map(([text, edits]) => edits.reduce((t, [at, piece]) => t.slice(0, at % (t.length + 1)) + piece + t.slice((at % (t.length + 1)) + 1), text));

/** Chains near and past the nesting limit, in the forms a fuzzer finds. */
const deep = fc
  .tuple(fc.constantFrom('x^', 'x^-', 'sin(', '(', '-', '[', 'if x > 0 { ', '(1 + ', 'not '), fc.integer({ min: MAX_DEPTH - 3, max: MAX_DEPTH + 3 }), fc.constantFrom('x', 'x)', 'x }', ''))
  .map(([piece, n, end]) => piece.repeat(n) + end);

function outcome(source: string): 'parsed' | 'refused' {
  try {
    parse(source);
    return 'parsed';
  } catch (err) {
    expect(err).toBeInstanceOf(GradlabError);
    const e = err as GradlabError;
    expect(typeof e.code).toBe('string');
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.column).toBeGreaterThanOrEqual(1);
    return 'refused';
  }
}

describe('parse on arbitrary text', () => {
  it('throws only ParseErrors with a code and a position, on token soup', () => {
    fc.assert(fc.property(soup, (s) => void outcome(s)), { numRuns: 400 });
  });

  it('throws only ParseErrors with a code and a position, on mutated programs', () => {
    fc.assert(fc.property(mutated, (s) => void outcome(s)), { numRuns: 300 });
  });

  it('throws only ParseErrors with a code and a position, on deep chains', () => {
    fc.assert(fc.property(deep, (s) => void outcome(s)), { numRuns: 30 });
  });
});
