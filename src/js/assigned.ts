// Definite assignment, as Java and C# define it, of one name over the statements after its
// declaration: the first read that some path reaches before any assignment. A `let y;` in a loop
// body is undefined again on every trip, but the gradlab variable it becomes keeps the last trip's
// value, so such a read would silently see the previous trip's y; the translator refuses it.
import type { AnyNode } from 'acorn';

const LOOPS = new Set(['ForStatement', 'WhileStatement', 'ForOfStatement', 'ForInStatement']);
const FUNCTIONS = new Set(['ArrowFunctionExpression', 'FunctionExpression', 'FunctionDeclaration']);
const JUMPS = new Set(['ReturnStatement', 'BreakStatement', 'ContinueStatement', 'ThrowStatement']);

class Found {
  constructor(readonly node: AnyNode) {}
}

/** The first read of `name` in `nodes` (run in order) that may come before it is assigned, or null. */
export function readBeforeAssigned(nodes: readonly AnyNode[], name: string): AnyNode | null {
  try {
    let assigned = false;
    for (const n of nodes) assigned = visit(n, assigned, name);
    return null;
  } catch (e) {
    if (e instanceof Found) return e.node;
    throw e;
  }
}

/** Walks `n` in evaluation order; returns whether `name` is assigned on every path out of it. */
function visit(n: AnyNode, assigned: boolean, name: string): boolean {
  const all = (parts: readonly (AnyNode | null | undefined)[], a: boolean) => parts.reduce((acc, p) => (p ? visit(p, acc, name) : acc), a);
  switch (n.type) {
    case 'Identifier':
      if (n.name === name && !assigned) throw new Found(n);
      return assigned;
    case 'AssignmentExpression':
      if (n.left.type === 'Identifier' && n.left.name === name) {
        if (n.operator !== '=' && !assigned) throw new Found(n.left);
        visit(n.right, assigned, name);
        return true;
      }
      return visit(n.right, visit(n.left, assigned, name), name);
    case 'MemberExpression':
      return n.computed ? all([n.object, n.property], assigned) : visit(n.object, assigned, name);
    case 'Property':
      return all([n.computed ? n.key : null, n.value], assigned);
    case 'LogicalExpression': {
      // The right side may not run: what it assigns does not count after.
      const a = visit(n.left, assigned, name);
      visit(n.right, a, name);
      return a;
    }
    case 'ConditionalExpression':
    case 'IfStatement': {
      const a = visit(n.test, assigned, name);
      const then = visit(n.consequent, a, name);
      const otherwise = n.alternate ? visit(n.alternate, a, name) : a;
      return then && otherwise;
    }
    case 'BlockStatement':
      return declares(n.body, name) ? assigned : all(n.body, assigned);
    case 'VariableDeclaration':
      return n.declarations.reduce((a, d) => (d.id.type === 'Identifier' && d.id.name === name ? a : d.init ? visit(d.init, a, name) : a), assigned);
    case 'DoWhileStatement': {
      // The body runs once before the test, unless a break or continue leaves it early.
      const body = visit(n.body, assigned, name);
      const a = jumpsIn(n.body) ? assigned : body;
      visit(n.test, a, name);
      return a;
    }
    default:
      if (JUMPS.has(n.type)) {
        all(children(n), assigned);
        return true; // what follows a jump on this path is not reached
      }
      if (FUNCTIONS.has(n.type)) {
        // A closure may run at any time: a read in its body counts as a read here, unless it shadows the name.
        const f = n as AnyNode & { params: AnyNode[]; body: AnyNode };
        if (f.params.some((p) => p.type === 'Identifier' && p.name === name)) return assigned;
        visit(f.body, assigned, name);
        return assigned;
      }
      if (LOOPS.has(n.type)) {
        const l = n as AnyNode & { init?: AnyNode | null; test?: AnyNode | null; right?: AnyNode; left?: AnyNode; update?: AnyNode | null; body: AnyNode };
        if (l.init?.type === 'VariableDeclaration' && declares([l.init], name)) return assigned;
        if (l.left?.type === 'VariableDeclaration' && declares([l.left], name)) return assigned;
        // The body may run no times: only the head's first part counts after the loop.
        const a = all([l.init, l.right, l.test], assigned);
        all([l.body, l.update], a);
        return a;
      }
      return all(children(n), assigned);
  }
}

/** A `let`, `const` or `var` of `name` directly among the statements (it shadows the outer one). */
function declares(body: readonly AnyNode[], name: string): boolean {
  return body.some((s) => s.type === 'VariableDeclaration' && s.declarations.some((d) => d.id.type === 'Identifier' && d.id.name === name));
}

function jumpsIn(n: AnyNode): boolean {
  if (n.type === 'BreakStatement' || n.type === 'ContinueStatement') return true;
  if (FUNCTIONS.has(n.type)) return false;
  return children(n).some(jumpsIn);
}

/** A node's child nodes in source order, which is JavaScript's evaluation order for the rest. */
function children(n: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  for (const [key, v] of Object.entries(n)) {
    if (key === 'loc' || key === 'range') continue;
    if (Array.isArray(v)) v.forEach((x) => isNode(x) && out.push(x));
    else if (isNode(v)) out.push(v);
  }
  return out.sort((a, b) => a.start - b.start);
}

const isNode = (v: unknown): v is AnyNode => typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
