// The printer: AST back to gradlab text with the fewest parentheses that keep the tree, in
// syntax that mathjs and Wolfram Alpha also read (`6x + 6`, `sin(x) ^ 2`).
import type { Cond, Expr, Node, Stmt } from '../ast';
import { PRIMITIVES } from '../primitives';
import { bottomUp } from './walk';

/** Binding strength of each printed form, loosest first; mirrors grammar/gradlab.ne. */
const enum Level {
  Sum = 1,
  Product = 2,
  Unary = 3,
  Implicit = 4,
  Power = 5,
  Atom = 6,
}

interface Printed {
  readonly text: string;
  readonly level: Level;
  /** Printed as an implicit product `2x`: never the right side of `/` (that reads `(1/2)x`). */
  readonly implicit?: boolean;
}

/** The binary operators as the table spells them, at their levels (`-a` and `a ^ b` have forms
 *  of their own below). */
const INFIX: ReadonlyMap<string, { symbol: string; level: Level }> = new Map(
  [...PRIMITIVES.values()].flatMap((p) => {
    const o = p.operator;
    if (!o || (o.binding !== 'sum' && o.binding !== 'product')) return [];
    return [[p.name, { symbol: o.symbol, level: o.binding === 'sum' ? Level.Sum : Level.Product }] as const];
  }),
);

export function print(node: Node): string {
  switch (node.kind) {
    case 'program':
      return printBlock(node.body, '');
    case 'compare':
    case 'logical':
    case 'not':
      return cond(node).text;
    case 'assign':
    case 'assignIndex':
    case 'while':
    case 'if':
    case 'for':
    case 'return':
    case 'expr':
      return stmt(node, '');
    default:
      return expr(node).text;
  }
}

function printBlock(body: readonly Stmt[], indent: string): string {
  return body.map((s) => indent + stmt(s, indent)).join('\n');
}

function braces(body: readonly Stmt[], indent: string): string {
  if (body.length === 0) return '{\n' + indent + '}';
  return '{\n' + printBlock(body, indent + '  ') + '\n' + indent + '}';
}

function stmt(s: Stmt, indent: string): string {
  switch (s.kind) {
    case 'assign':
      return `${s.name} = ${expr(s.value).text}`;
    case 'assignIndex':
      return `${s.name}[${expr(s.index).text}] = ${expr(s.value).text}`;
    case 'while':
      return `while ${cond(s.cond).text} ${braces(s.body, indent)}`;
    case 'if': {
      const head = `if ${cond(s.cond).text} ${braces(s.then, indent)}`;
      if (s.else === null) return head;
      const only = s.else.length === 1 ? s.else[0] : null;
      return only?.kind === 'if' ? `${head} else ${stmt(only, indent)}` : `${head} else ${braces(s.else, indent)}`;
    }
    case 'for':
      return `for ${s.name} = ${expr(s.from).text}:${expr(s.to).text} ${braces(s.body, indent)}`;
    case 'return':
      return `return ${expr(s.value).text}`;
    case 'expr':
      return expr(s.value).text;
  }
}

function cond(c: Cond): Printed {
  switch (c.kind) {
    case 'compare':
      return { text: `${expr(c.left).text} ${c.op} ${expr(c.right).text}`, level: Level.Atom };
    case 'logical': {
      const level = c.op === 'or' ? Level.Sum : Level.Product;
      return { text: `${atLeast(cond(c.left), level)} ${c.op} ${atLeast(cond(c.right), level + 1)}`, level };
    }
    case 'not':
      return { text: `not ${atLeast(cond(c.arg), Level.Unary)}`, level: Level.Unary };
  }
}

function atLeast(p: Printed, level: Level): string {
  return p.level >= level ? p.text : `(${p.text})`;
}

export function expr(root: Expr): Printed {
  return bottomUp(root, printed);
}

function printed(e: Expr, get: (child: Expr) => Printed): Printed {
  switch (e.kind) {
    case 'number':
      return e.value < 0 || Object.is(e.value, -0)
        ? { text: `-${String(-e.value)}`, level: Level.Unary }
        : { text: String(e.value), level: Level.Atom };
    case 'constant':
    case 'variable':
      return { text: e.name, level: Level.Atom };
    case 'vector':
      return { text: `[${e.items.map((i) => get(i).text).join(', ')}]`, level: Level.Atom };
    case 'index':
      return { text: `${e.name}[${get(e.index).text}]`, level: Level.Atom };
    case 'length':
      return { text: `length(${get(e.arg).text})`, level: Level.Atom };
    case 'call':
      return call(e.op, e.args, get);
  }
}

function call(op: string, args: readonly Expr[], get: (child: Expr) => Printed): Printed {
  const infix = INFIX.get(op);
  if (infix && args.length === 2) {
    const [a, b] = args;
    const right = get(b);
    if (op === 'multiply' && a.kind === 'number' && a.value >= 0 && b.kind !== 'vector') {
      const [number, factor] = [get(a).text, atLeast(right, Level.Power)];
      if (juxtaposable(number, factor)) return { text: `${number}${factor}`, level: Level.Implicit, implicit: true };
    }
    const rightText = op === 'divide' && right.implicit ? `(${right.text})` : atLeast(right, infix.level + 1);
    return { text: `${atLeast(get(a), infix.level)} ${infix.symbol} ${rightText}`, level: infix.level };
  }
  const operator = PRIMITIVES.get(op)?.operator;
  if (operator?.binding === 'unary' && args.length === 1) {
    return { text: `${operator.symbol}${atLeast(get(args[0]), Level.Unary)}`, level: Level.Unary };
  }
  if (operator?.binding === 'power' && args.length === 2) {
    return { text: `${atLeast(get(args[0]), Level.Atom)}${operator.symbol}${exponent(args[1], get)}`, level: Level.Power };
  }
  return { text: `${op}(${args.map((a) => get(a).text).join(', ')})`, level: Level.Atom };
}

/** Whether `2x` may drop its `*`: not where the two would read as one literal, as `2e1` reads
 *  as 20 and, in mathjs, `0x1`, `0b1` and `0o1` as hexadecimal, binary and octal. */
function juxtaposable(number: string, factor: string): boolean {
  if (!/^[A-Za-z_(]/.test(factor) || /^[eE]\d/.test(factor)) return false;
  return !(number === '0' && /^[xXbBoO]/.test(factor));
}

/** The right side of `^` may carry its own signs: `2^-x`, `2^--x`. */
function exponent(e: Expr, get: (child: Expr) => Printed): string {
  let signs = '';
  while (e.kind === 'call' && e.op === 'unaryMinus') {
    signs += '-';
    e = e.args[0];
  }
  if (e.kind === 'number' && e.value < 0) return `${signs}-${String(-e.value)}`;
  return signs + atLeast(get(e), Level.Power);
}
