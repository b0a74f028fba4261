// The rule table, row by row: each identity checked by evaluating both sides at sample points
// (variables a–d as inputs, n and m as numbers the guard accepts), the compiler's checks, and
// the rules and folds read off the primitive table's facts, one per row.
import { describe, expect, it } from 'vitest';
import * as ast from '../../src/ast';
import { parseExpression } from '../../src/parse/parse';
import { arityRange, PRIMITIVES } from '../../src/primitives';
import { print } from '../../src/print/print';
import * as N from '../../src/symbolic/numbers';
import { simplifyExpr } from '../../src/symbolic/simplify';
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

describe("the table's facts, as the simplifier reads them", () => {
  const simplified = (source: string): string => print(simplifyExpr(parseExpression(source)));
  // The operators' facts are the kernel's algebra (--x = x), not rules.
  const NAMED = [...PRIMITIVES.values()].filter((p) => !p.operator);

  it.each(NAMED.filter((p) => p.parity))('$name: a negated argument comes out, or goes, by its parity', (p) => {
    expect(simplified(`${p.name}(-2x)`)).toBe(p.parity === 'odd' ? `-${p.name}(2x)` : `${p.name}(2x)`);
  });

  it.each(NAMED.filter((p) => p.inverse))('$name($inverse(x)) is x', (p) => {
    expect(simplified(`${p.name}(${p.inverse}(x))`)).toBe('x');
  });

  it.each(NAMED.filter((p) => p.fold))('$name at numbers it folds is the number its row folds to', (p) => {
    const numbers = [[0, 1], [1, 1], [9, 4], [-27, 8]].map(([a, b]) => N.rational(a, b));
    const [least, most] = arityRange(p);
    const folding = numbers.flatMap((a) => [[a], ...numbers.map((b) => [a, b])]).filter((x) => x.length >= least && x.length <= most && p.fold!(N.EXACT, x) !== null);
    const x = folding.find((t) => t.length === 2) ?? folding[0];
    const text = (a: N.Num) => (N.isExact(a) && a.q !== 1 ? `(${a.p}/${a.q})` : `${N.value(a)}`);
    expect(simplified(`${p.name}(${x.map(text).join(', ')})`)).toBe(simplified(text(p.fold!(N.EXACT, x)!)));
  });

  it('sec and csc are cos and sin to the products, and print back as themselves', () => {
    expect(simplified('sec(x)^2 * cos(x)')).toBe('sec(x)');
    expect(simplified('csc(x) * sin(x)^3')).toBe('sin(x)^2');
  });
});
