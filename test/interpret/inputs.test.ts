// inputsOf: the names a program reads before it assigns them, in order of first use.
import { describe, expect, it } from 'vitest';
import { inputsOf } from '../../src/interpret/inputs';
import { parse } from '../../src/parse/parse';

const names = (source: string) => inputsOf(parse(source)).map((u) => u.name);

describe('inputsOf', () => {
  it.each([
    ['2x + 3x^2 + x(6 - 2)', ['x']],
    ['sigmoid(w1 x1 + w2 x2 + b)', ['w1', 'x1', 'w2', 'x2', 'b']],
    ['y + x + y', ['y', 'x']],
    ['pi + e + 1', []],
    ['x = 1\nx + 1', []],
    ['y = x\nx = 2\nx + y', ['x']],
    ['x = x + 1\nx', ['x']],
    ['while abs(x) > 5 { x = x / 2 }\nreturn x^2', ['x']],
    ['if a < b { c = 1 } else { c = d }\nc', ['a', 'b', 'd']],
    ['if not (p < 1 or q > 2) { }\n1', ['p', 'q']],
    ['s = 0\nfor i = 1:length(v) { s = s + v[i] }\ns', ['v']],
    ['for i = a:b { s = i }\ns', ['a', 'b']],
    ['v[1] = 2\nv', ['v']],
    ['w = [u, 2]\nw[k]', ['u', 'k']],
    ['return t', ['t']],
  ])('%j reads %j', (source, expected) => {
    expect(names(source)).toEqual(expected);
  });

  it('points at the first use of each input', () => {
    const uses = inputsOf(parse('y = 1\nz = y + x\nw = x * v[2]\nw'));
    expect(uses.map((u) => [u.name, u.span.line, u.span.column])).toEqual([
      ['x', 2, 9],
      ['v', 3, 9],
    ]);
  });
});
