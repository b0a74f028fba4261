// What the tests share: span-free trees, fully parenthesised text, and the error a call throws.
import { stripSpans, type Cond, type Expr, type Stmt } from '../../src/ast';
import { parse, parseExpression } from '../../src/parse/parse';

/** The tree of one expression, spans dropped. */
export const tree = (source: string): Expr => stripSpans(parseExpression(source));

/** The statements of a program, spans dropped. */
export const statements = (source: string): readonly Stmt[] => stripSpans(parse(source)).body;

/** The condition of `if <source> { }`. */
export function condition(source: string): Cond {
  const [stmt] = parse(`if ${source} { }`).body;
  if (stmt.kind !== 'if') throw new Error(`not an if statement: ${source}`);
  return stmt.cond;
}

const SYMBOL: Record<string, string> = { add: '+', subtract: '-', multiply: '*', divide: '/', pow: '^' };

/** Every compound in parentheses, so a table shows how the parser grouped: `((a - b) - c)`. */
export function grouped(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return String(e.value);
    case 'constant':
    case 'variable':
      return e.name;
    case 'vector':
      return `[${e.items.map(grouped).join(', ')}]`;
    case 'index':
      return `${e.name}[${grouped(e.index)}]`;
    case 'length':
      return `length(${grouped(e.arg)})`;
    case 'call': {
      const symbol = SYMBOL[e.op];
      if (symbol && e.args.length === 2) return `(${grouped(e.args[0])} ${symbol} ${grouped(e.args[1])})`;
      if (e.op === 'unaryMinus') return `(-${grouped(e.args[0])})`;
      return `${e.op}(${e.args.map(grouped).join(', ')})`;
    }
  }
}

export function groupedCond(c: Cond): string {
  switch (c.kind) {
    case 'compare':
      return `(${grouped(c.left)} ${c.op} ${grouped(c.right)})`;
    case 'logical':
      return `(${groupedCond(c.left)} ${c.op} ${groupedCond(c.right)})`;
    case 'not':
      return `(not ${groupedCond(c.arg)})`;
  }
}

/** The error of class `type` that `run` throws; anything else thrown, or nothing, fails the test. */
export function caught<E extends Error>(run: () => unknown, type: new (...args: never[]) => E): E {
  try {
    run();
  } catch (err) {
    if (err instanceof type) return err;
    throw err;
  }
  throw new Error(`expected a ${type.name}, but nothing was thrown`);
}

/** Equal to within `tolerance`, relative to the larger magnitude (absolute below 1). */
export function close(a: number, b: number, tolerance = 1e-9): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}
