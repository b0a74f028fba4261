// The parse wrapper's `children`: the direct subnodes of every kind of node, in source order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Node } from '../../src/ast';
import { children, parse, parseExpression } from '../../src/parse/parse';
import { programArb } from '../support/arbitraries';

const kinds = (node: Node) => children(node).map((c) => c.kind);
const firstStatement = (source: string) => parse(source).body[0];

describe('children', () => {
  it.each([
    ['x', []],
    ['pi', []],
    ['2', []],
    ['max(1, x, y)', ['number', 'variable', 'variable']],
    ['[1, x]', ['number', 'variable']],
    ['v[2]', ['number']],
    ['length(v)', ['variable']],
  ])('of the expression %s', (source, expected) => {
    expect(kinds(parseExpression(source))).toEqual(expected);
  });

  it.each([
    ['x = 2y', ['call']],
    ['v[i] = 1', ['variable', 'number']],
    ['while x < 1 { a = 1; return b }', ['compare', 'assign', 'return']],
    ['if x < 1 { a = 1 } else { b = 2; c }', ['compare', 'assign', 'assign', 'expr']],
    ['if x < 1 { a = 1 }', ['compare', 'assign']],
    ['for i = 1:n { a = i }', ['number', 'variable', 'assign']],
    ['return x', ['variable']],
    ['sin(x)', ['call']],
  ])('of the statement %j', (source, expected) => {
    expect(kinds(firstStatement(source))).toEqual(expected);
  });

  it.each([
    ['a < b and not c > d', ['compare', 'not']],
    ['not c > d', ['compare']],
    ['a + 1 < b', ['call', 'variable']],
  ])('of the condition %s', (source, expected) => {
    const stmt = firstStatement(`if ${source} { }`);
    expect(stmt.kind === 'if' && kinds(stmt.cond)).toEqual(expected);
  });

  it('of a program: its statements', () => {
    expect(kinds(parse('a = 1; b = 2\nreturn a'))).toEqual(['assign', 'assign', 'return']);
  });

  it('reach every node of any program', () => {
    fc.assert(
      fc.property(programArb(), (program) => {
        expect(reached(program)).toBe(nodesIn(program));
      }),
    );
  });
});

/** Nodes reached from `root` by `children`. */
function reached(root: Node): number {
  return 1 + children(root).reduce((n, c) => n + reached(c), 0);
}

/** Nodes in the tree, found without `children`: every object with a `kind`. */
function nodesIn(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + nodesIn(v), 0);
  if (value === null || typeof value !== 'object') return 0;
  const own = 'kind' in value ? 1 : 0;
  return own + Object.values(value).reduce((n: number, v) => n + nodesIn(v), 0);
}
