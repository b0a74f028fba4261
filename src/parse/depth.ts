// The nesting limit: trees deeper than MAX_DEPTH are refused, first from the tokens (before the
// parse, so a deep input is refused at once) and then exactly, from the finished tree.
import type { Node, Program } from '../ast';
import { ParseError } from '../errors';
import { spanOf, type Token } from './lexer';

/** Deeper trees than this are refused: every walker over the AST recurses, and this keeps each
 *  of them far inside Node's default stack. Parentheses alone do not add depth. */
export const MAX_DEPTH = 1500;

function tooDeep(node: { span: Node['span'] }): ParseError {
  return new ParseError('nesting', `expression nests deeper than ${MAX_DEPTH} levels`, node.span, '');
}

/**
 * Refuses token streams whose tree must nest deeper than MAX_DEPTH, in one pass and before the
 * parse. The bound counts what certainly nests: the brackets of calls, indices, vectors and
 * blocks (grouping parentheses do not), each `else if` (the rest of the statement is its `else`),
 * and the `^` of a chain `a^b^c…` (each exponent holds the rest of the chain); every statement
 * sits one level below the program. It never exceeds the
 * tree's true depth, so what it refuses the exact check below would refuse too.
 */
export function checkTokenDepth(tokens: readonly Token[]): void {
  const close = matchBrackets(tokens);
  if (!close) return; // unbalanced: the parser reports where
  // chain[i]: for a `^` at i, how many `^` the chain holds from i on (filled right to left).
  const chain = new Int32Array(tokens.length);
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (tokens[i].text !== '^') continue;
    const next = afterAtom(tokens, close, i + 1);
    chain[i] = 1 + (next !== undefined && tokens[next]?.text === '^' ? chain[next] : 0);
  }
  // The brackets open at each point, with the levels each adds (a grouping `(` adds none) and
  // the `else if`s met inside it: each nests the rest of its statement one level deeper.
  const frames = [{ adds: 0, elseIfs: 0 }];
  let depth = 1;
  for (const [i, t] of tokens.entries()) {
    const frame = frames[frames.length - 1];
    if (t.text === '(' || t.text === '[' || t.text === '{') {
      const adds = t.text !== '(' || tokens[i - 1]?.type === 'func' ? 1 : 0;
      frames.push({ adds, elseIfs: 0 });
      depth += adds;
    } else if (t.text === ')' || t.text === ']' || t.text === '}') {
      depth -= frame.adds + frame.elseIfs;
      frames.pop();
    } else if (t.text === 'else' && tokens[i + 1]?.text === 'if') {
      frame.elseIfs++;
      depth++;
    } else if (t.type === 'sep') {
      depth -= frame.elseIfs;
      frame.elseIfs = 0;
    }
    if (depth + chain[i] > MAX_DEPTH) throw tooDeep({ span: spanOf(t) });
  }
}

/** For each opening bracket, the index of its closing one; undefined if they do not balance. */
function matchBrackets(tokens: readonly Token[]): Int32Array | undefined {
  const PAIR: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const close = new Int32Array(tokens.length).fill(-1);
  const open: number[] = [];
  for (const [i, t] of tokens.entries()) {
    if (t.text === '(' || t.text === '[' || t.text === '{') open.push(i);
    else if (PAIR[t.text]) {
      const j = open.pop();
      if (j === undefined || tokens[j].text !== PAIR[t.text]) return undefined;
      close[j] = i;
    }
  }
  return open.length === 0 ? close : undefined;
}

/** Where the signed atom starting at i ends (`-x`, `(…)`, `f(…)`, `v[…]`, `[…]`, a number). */
function afterAtom(tokens: readonly Token[], close: Int32Array, i: number): number | undefined {
  while (tokens[i]?.text === '-' || tokens[i]?.text === '+') i++;
  const t = tokens[i];
  if (!t) return undefined;
  if (t.text === '(' || t.text === '[') return close[i] + 1;
  if (t.type === 'func') return tokens[i + 1]?.text === '(' ? close[i + 1] + 1 : undefined;
  if (t.type === 'ident') return tokens[i + 1]?.text === '[' ? close[i + 1] + 1 : i + 1;
  if (t.type === 'number' || t.type === 'fraction') return i + 1;
  return undefined;
}

/** Rejects trees deeper than MAX_DEPTH, walking with an explicit stack (no recursion). */
export function checkDepth(root: Program): void {
  const stack: [Node, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) {
      throw tooDeep(node);
    }
    for (const child of children(node)) stack.push([child, depth + 1]);
  }
}

/** The direct children of any node, in source order. */
export function children(node: Node): readonly Node[] {
  switch (node.kind) {
    case 'number':
    case 'constant':
    case 'variable':
      return [];
    case 'call':
      return node.args;
    case 'vector':
      return node.items;
    case 'index':
      return [node.index];
    case 'length':
      return [node.arg];
    case 'compare':
    case 'logical':
      return [node.left, node.right];
    case 'not':
      return [node.arg];
    case 'assign':
    case 'return':
    case 'expr':
      return [node.value];
    case 'assignIndex':
      return [node.index, node.value];
    case 'while':
      return [node.cond, ...node.body];
    case 'if':
      return [node.cond, ...node.then, ...(node.else ?? [])];
    case 'for':
      return [node.from, node.to, ...node.body];
    case 'program':
      return node.body;
  }
}
