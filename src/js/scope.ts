// Names while translating JS: lexical scopes of bindings (each JS binding gets a gradlab name of
// its own, so shadowing and inlined calls never collide), and quick scans over a subtree.
import type { AnyNode } from 'acorn';
import type { JsFunction } from './source';

/** What a value is, as far as the translator knows: parameters are `unknown` until run. */
export type Type = 'number' | 'boolean' | 'array' | 'unknown';

export interface Binding {
  /** The gradlab variable that holds it. */
  readonly name: string;
  type: Type;
  readonly kind: 'param' | 'let' | 'const' | 'var';
  /** A value fixed while translating: an unrolled loop's counter, or a bound constant. */
  value?: number | readonly number[];
  /** An array's length where the translator knows it (built from a literal, pushed onto). */
  length?: number | null;
  /** The control depth it was declared at: a push deeper than that would need a run-time length. */
  readonly level: number;
  /** Another name refers to the same array: changing it in place would differ from JS. */
  aliased?: boolean;
  /** A parameter given no argument (Array.from's element): `undefined`, which reading refuses. */
  readonly missing?: boolean;
  /** A counted loop's counter kept 1-based (`i + 1`), so that `a[i]` costs no addition. */
  readonly oneBased?: boolean;
}

/** A function written in the source, inlined at each call. */
export interface Helper {
  readonly node: JsFunction;
  readonly name: string;
  /** Where it was defined: its free names resolve there, as closures do. */
  readonly scope: Scope;
}

export class Scope {
  readonly vars = new Map<string, Binding>();
  readonly helpers = new Map<string, Helper>();

  constructor(
    readonly parent: Scope | null,
    /** A function body: `var` declarations land here. */
    readonly isFunction: boolean,
  ) {}

  lookup(name: string): Binding | Helper | undefined {
    for (let s: Scope | null = this; s; s = s.parent) {
      const v = s.vars.get(name) ?? s.helpers.get(name);
      if (v) return v;
    }
    return undefined;
  }

  functionScope(): Scope {
    let s: Scope = this;
    while (!s.isFunction && s.parent) s = s.parent;
    return s;
  }
}

export const isHelper = (b: Binding | Helper | undefined): b is Helper => !!b && 'node' in b;

/** The direct child nodes of an acorn node. */
export function childrenOf(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc') continue;
    if (Array.isArray(value)) {
      for (const v of value) if (v && typeof v.type === 'string') out.push(v);
    } else if (value && typeof value === 'object' && typeof (value as AnyNode).type === 'string') {
      out.push(value as AnyNode);
    }
  }
  return out;
}

/** Whether `test` holds for some node of the subtree; `stop` prunes subtrees (nested loops). */
export function some(node: AnyNode, test: (n: AnyNode) => boolean, stop: (n: AnyNode) => boolean = () => false): boolean {
  if (test(node)) return true;
  if (stop(node)) return false;
  return childrenOf(node).some((c) => some(c, test, stop));
}

const LOOPS = new Set(['ForStatement', 'WhileStatement', 'DoWhileStatement', 'ForOfStatement', 'ForInStatement']);
const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

export const isLoop = (n: AnyNode): boolean => LOOPS.has(n.type);
export const isFunction = (n: AnyNode): boolean => FUNCTIONS.has(n.type);

/** A `break` that leaves this loop (not one of a loop nested inside it). */
export const breaksOut = (body: AnyNode): boolean =>
  some(body, (n) => n.type === 'BreakStatement', (n) => isLoop(n) || isFunction(n) || n.type === 'SwitchStatement');

export const returnsFrom = (body: AnyNode): boolean => some(body, (n) => n.type === 'ReturnStatement', isFunction);

/** Whether the subtree assigns `name` (=, op=, ++, --), in nested functions too. */
export function assigns(node: AnyNode, name: string): boolean {
  return some(node, (n) => {
    if (n.type === 'AssignmentExpression') return n.left.type === 'Identifier' && n.left.name === name;
    if (n.type === 'UpdateExpression') return n.argument.type === 'Identifier' && n.argument.name === name;
    if (n.type === 'ForOfStatement' || n.type === 'ForInStatement') return n.left.type === 'Identifier' && n.left.name === name;
    return false;
  });
}

/** Whether the subtree changes the array `name` in place or in length. */
export function mutates(node: AnyNode, name: string): boolean {
  const isName = (e: AnyNode) => e.type === 'Identifier' && e.name === name;
  return some(node, (n) => {
    if (n.type === 'AssignmentExpression' && n.left.type === 'MemberExpression') return isName(n.left.object);
    if (n.type === 'UpdateExpression' && n.argument.type === 'MemberExpression') return isName(n.argument.object);
    if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression') return isName(n.callee.object);
    return false;
  });
}

export const pushes = (node: AnyNode): boolean =>
  some(node, (n) => n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && !n.callee.computed && n.callee.property.type === 'Identifier' && n.callee.property.name === 'push');

/** Identifiers read in an expression (for loop-invariance checks). */
export function namesIn(node: AnyNode): string[] {
  const out: string[] = [];
  some(node, (n) => {
    if (n.type === 'Identifier') out.push(n.name);
    return false;
  }, (n) => n.type === 'MemberExpression' && !n.computed && (out.push(...namesIn(n.object)), true));
  return out;
}
