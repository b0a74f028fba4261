// The rule table, row by row: each identity checked by evaluating both sides at sample points
// (variables a–d as inputs, n and m as numbers the guard accepts), and the compiler's checks.
import { describe, expect, it } from 'vitest';
import * as ast from '../../src/ast';
import { parseExpression } from '../../src/parse/parse';
import { compile, type Bindings } from '../../src/symbolic/pattern';
import { RULES } from '../../src/symbolic/rules';
import { scaleAt, valueAt, type Point } from './support';

const GRID = [-2.5, -1, -0.5, -0.25, 0, 0.25, 0.5, 1, 1.5, 3];
const NUMBERS = [-3, -2, -1, -0.5, 0.5, 1, 2, 3, 4, 6];

/** Every point of the grid for the variables a rule names; b and c take fewer values. */
function pointsFor(source: string): Point[] {
  const names = ['a', 'b', 'c', 'n', 'm'].filter((v) => new RegExp(`\\b${v}\\b`).test(source));
  let points: Point[] = [{}];
  for (const name of names) {
    const values = name === 'n' || name === 'm' ? NUMBERS : name === 'a' ? GRID : GRID.filter((_, i) => i % 3 === 0);
    points = points.flatMap((p) => values.map((v) => ({ ...p, [name]: v })));
  }
  return points;
}

describe('every rule', () => {
  it('compiles', () => {
    expect(() => compile(RULES)).not.toThrow();
  });

  it.each(RULES.map((r) => [r.name, r] as const))('%s keeps the value where its left side is defined', (_, rule) => {
    const [from, to] = [parseExpression(rule.from), parseExpression(rule.to)];
    let checked = 0;
    for (const point of pointsFor(rule.from)) {
      const bindings: Bindings = new Map(Object.entries(point).map(([k, v]) => [k, ast.num(v)]));
      if (rule.where && !rule.where(bindings)) continue;
      const before = valueAt(from, point);
      const scale = scaleAt(from, point);
      if (before === 'error' || !Number.isFinite(before) || scale === null || scaleAt(to, point) === null) continue;
      const after = valueAt(to, point);
      expect(after, `${rule.from} at ${JSON.stringify(point)}`).not.toBe('error');
      expect(Math.abs((after as number) - before), `${rule.from} at ${JSON.stringify(point)}`).toBeLessThanOrEqual(1e-12 * scale);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('the compiler', () => {
  it.each([
    [{ name: 'two-rests', from: 'a * b', to: 'b * a' }, /only one bare variable/],
    [{ name: 'unbound', from: 'sin(a)', to: 'b' }, /'b' in the result is not in the pattern/],
    [{ name: 'bare', from: 'a', to: 'a' }, /must be a call/],
  ])('refuses %o', (rule, message) => {
    expect(() => compile([rule])).toThrow(message);
  });
});
