// JS loops as gradlab loops. A counted `for` whose counter and bound the body leaves alone is a
// gradlab `for`; one whose body pushes and whose bounds are constants is unrolled; every other
// loop is a `while`, with break, continue and a helper's return as flags in its condition.
import type { AnyNode, Expression } from 'acorn';
import * as ast from '../ast';
import type { Cond, Stmt } from '../ast';
import { cond, fold, value } from './expressions';
import { declare, effect, nested, NONE, type Flags } from './statements';
import { assigns, breaksOut, mutates, namesIn, pushes, returnsFrom, Scope, some } from './scope';
import { allClear, assignStmt, MAX_UNROLLED, type Loop, type Translator } from './translator';

type Of<T extends AnyNode['type']> = Extract<AnyNode, { type: T }>;

/** `cond` as a Cond, or null where it is the literal `true` (so `while (true)` needs no test). */
function test(t: Translator, node: Expression | null | undefined): Cond | null {
  if (!node || (node.type === 'Literal' && node.value === true)) return null;
  return cond(t, node);
}

/** The loop statement from its translated parts; returns the flags that leave it (a helper's return). */
function close(t: Translator, loop: Loop, c: Cond | null, pre: readonly Stmt[], body: Stmt[], raised: Flags, update: readonly Stmt[], node: AnyNode): Flags {
  const span = t.span(node);
  const stops = [...raised].filter((f) => f !== loop.cont);
  const tail = [...update, ...pre];
  if (tail.length) body.push(...(stops.length ? [{ kind: 'if', cond: allClear(stops, span), then: tail, else: null, span } as Stmt] : tail));
  if (loop.cont) body.unshift(assignStmt(loop.cont, ast.num(0, span), span));
  let whole: Cond | null = c;
  if (stops.length) whole = whole ? ast.logical('and', allClear(stops, span), whole, span) : allClear(stops, span);
  if (loop.brk) t.emit(assignStmt(loop.brk, ast.num(0, span), span));
  t.emit({ kind: 'while', cond: whole ?? allClear([], span), body, span });
  return new Set(stops.filter((f) => f !== loop.brk));
}

function loopBody(t: Translator, loop: Loop, body: AnyNode): [Stmt[], Flags] {
  t.loops.push(loop);
  try {
    return t.repeated(() => t.collect(() => nested(t, body)));
  } finally {
    t.loops.pop();
  }
}

export function whileLoop(t: Translator, s: Of<'WhileStatement'>): Flags {
  const loop: Loop = {};
  const [pre, c] = t.collect(() => test(t, s.test));
  pre.forEach((x) => t.emit(x));
  const [body, raised] = loopBody(t, loop, s.body);
  return close(t, loop, c, pre, body, raised, [], s);
}

export function doWhileLoop(t: Translator, s: Of<'DoWhileStatement'>): Flags {
  const loop: Loop = {};
  const [body, raised] = loopBody(t, loop, s.body);
  const [pre, c] = t.deeper(() => t.collect(() => test(t, s.test)));
  if (c === null) return close(t, loop, null, pre, body, raised, [], s);
  // The test runs at the end of each trip into a flag the loop's condition reads, so a name the
  // body assigns first (`do { y = … } while (y > tol)`) is never read before it is assigned.
  const span = t.span(s);
  const go = t.fresh('go');
  const set = (v: number) => [assignStmt(go, ast.num(v, span), span)];
  t.emit(assignStmt(go, ast.num(1, span), span));
  const decide: Stmt = { kind: 'if', cond: c, then: set(1), else: set(0), span };
  return close(t, loop, ast.compare('==', ast.variable(go, span), ast.num(1, span), span), [...pre, decide], body, raised, [], s);
}

export function forLoop(t: Translator, s: Of<'ForStatement'>): Flags {
  return t.within(new Scope(t.scope, false), () => {
    const counted = countedFor(t, s);
    if (counted) return counted;
    if (s.init) s.init.type === 'VariableDeclaration' ? declare(t, s.init) : effect(t, s.init);
    const loop: Loop = {};
    const [pre, c] = t.collect(() => test(t, s.test));
    pre.forEach((x) => t.emit(x));
    const [body, raised] = loopBody(t, loop, s.body);
    const [update] = t.deeper(() => t.collect(() => s.update && effect(t, s.update)));
    return close(t, loop, c, pre, body, raised, update, s);
  });
}

/** `for (let i = a; i < b; i++)` and its kin, when the body leaves `i` and `b` alone. */
function countedFor(t: Translator, s: Of<'ForStatement'>): Flags | null {
  const init = s.init;
  if (init?.type !== 'VariableDeclaration' || init.kind !== 'let' || init.declarations.length !== 1) return null;
  const d = init.declarations[0];
  if (d.id.type !== 'Identifier' || !d.init) return null;
  const i = d.id.name;
  const bound = boundOf(s.test, i);
  if (!bound || !stepsByOne(s.update, i)) return null;
  if (assigns(s.body, i) || breaksOut(s.body) || (!t.fn.main && returnsFrom(s.body))) return null;
  if (namesIn(bound.b).some((n) => assigns(s.body, n) || mutates(s.body, n))) return null;
  if (some(bound.b, (n) => n.type === 'CallExpression' && n.callee.type !== 'MemberExpression')) return null;
  const from = fold(t, d.init);
  if (from === undefined || !Number.isInteger(from)) return null;
  const b = fold(t, bound.b);
  const span = t.span(s);
  if (pushes(s.body) && b !== undefined) return unroll(t, s, i, from, b, bound.strict);
  // `i < b` is `i <= b - 1` only for a whole b: a `.length` or a whole constant.
  const whole = b !== undefined ? Number.isInteger(b) : isWhole(t, bound.b);
  if (bound.strict && !whole) return null;
  // The gradlab counter runs over i + 1: `i < b` is `i + 1 <= b` for a whole b, `i <= b` is `i + 1 <= b + 1`.
  const to = bound.strict ? (b !== undefined ? ast.num(b, span) : value(t, bound.b).e) : b !== undefined ? ast.num(b + 1, span) : ast.call('add', [value(t, bound.b).e, ast.num(1, span)], span);
  const counter = { name: t.fresh(i), type: 'number', kind: 'let', level: t.level, length: null, oneBased: true } as const;
  t.scope.vars.set(i, counter);
  const loop: Loop = {};
  const [body] = loopBody(t, loop, s.body);
  if (loop.cont) body.unshift(assignStmt(loop.cont, ast.num(0, span), span));
  t.emit({ kind: 'for', name: counter.name, from: ast.num(from + 1, span), to, body, span });
  return NONE;
}

/** Iterations run one by one while translating, the counter a constant in each. */
function unroll(t: Translator, s: Of<'ForStatement'>, i: string, from: number, b: number, strict: boolean): Flags {
  const span = t.span(s);
  const trips = Math.max(0, (strict ? Math.ceil(b) : Math.floor(b) + 1) - from);
  if (trips > MAX_UNROLLED - t.unrolled) t.refuse(s, `a loop that pushes, run ${trips} times`, `loops that push are unrolled while translating, at most ${MAX_UNROLLED.toLocaleString('en-US')} iterations in all`);
  for (let k = from; strict ? k < b : k <= b; k++) {
    t.unrolled++;
    const scope = new Scope(t.scope, false);
    scope.vars.set(i, { name: '', type: 'number', kind: 'const', level: t.level, value: k });
    const loop: Loop = {};
    t.loops.push(loop);
    try {
      const [body] = t.collect(() => t.within(scope, () => nested(t, s.body)));
      if (loop.cont) body.unshift(assignStmt(loop.cont, ast.num(0, span), span));
      body.forEach((x) => t.emit(x));
    } finally {
      t.loops.pop();
    }
  }
  return NONE;
}

function boundOf(node: AnyNode | null | undefined, i: string): { b: AnyNode; strict: boolean } | null {
  if (node?.type !== 'BinaryExpression') return null;
  const isI = (e: AnyNode) => e.type === 'Identifier' && e.name === i;
  if (isI(node.left) && (node.operator === '<' || node.operator === '<=')) return { b: node.right, strict: node.operator === '<' };
  if (isI(node.right) && (node.operator === '>' || node.operator === '>=')) return { b: node.left, strict: node.operator === '>' };
  return null;
}

function stepsByOne(node: AnyNode | null | undefined, i: string): boolean {
  if (!node) return false;
  const isI = (e: AnyNode) => e.type === 'Identifier' && e.name === i;
  const isOne = (e: AnyNode) => e.type === 'Literal' && e.value === 1;
  if (node.type === 'UpdateExpression') return node.operator === '++' && isI(node.argument);
  if (node.type !== 'AssignmentExpression' || !isI(node.left)) return false;
  if (node.operator === '+=') return isOne(node.right);
  const r = node.right;
  return node.operator === '=' && r.type === 'BinaryExpression' && r.operator === '+' && ((isI(r.left) && isOne(r.right)) || (isOne(r.left) && isI(r.right)));
}

const isLength = (e: AnyNode): boolean => e.type === 'MemberExpression' && !e.computed && e.property.type === 'Identifier' && e.property.name === 'length';

/** Whether an expression is a whole number whatever the inputs: lengths and whole constants, under + - *. */
function isWhole(t: Translator, e: AnyNode): boolean {
  if (isLength(e)) return true;
  if (e.type === 'BinaryExpression' && (e.operator === '+' || e.operator === '-' || e.operator === '*')) return isWhole(t, e.left) && isWhole(t, e.right);
  if (e.type === 'UnaryExpression' && e.operator === '-') return isWhole(t, e.argument);
  if (e.type === 'Identifier') {
    const b = t.scope.lookup(e.name);
    if (b && !('node' in b) && b.oneBased) return true;
  }
  return Number.isInteger(fold(t, e));
}

/** `for (const x of a)`: a counted loop over a's elements, read as the loop reaches them. */
export function forOfLoop(t: Translator, s: Of<'ForOfStatement'>): Flags {
  if (s.await) return t.refuse(s, "'for await'");
  return t.within(new Scope(t.scope, false), () => {
    const span = t.span(s);
    let arr = value(t, s.right);
    if (arr.t === 'number' || arr.t === 'boolean') t.refuse(s.right, `for…of over a ${arr.t}`);
    const named = s.right.type === 'Identifier' && arr.e.kind === 'variable' && !assigns(s.body, s.right.name) && !pushesOnto(s.body, s.right.name);
    if (!named) {
      const copy = t.fresh('items');
      t.emit(assignStmt(copy, arr.e, t.span(s.right)));
      arr = { e: ast.variable(copy, span), t: 'array' };
    }
    const items = (arr.e as { name: string }).name;
    const x = elementBinding(t, s.left);
    const k = t.fresh('k');
    const read = assignStmt(x, ast.index(items, ast.variable(k, span), span), span);
    const loop: Loop = {};
    const [body, raised] = loopBody(t, loop, s.body);
    if (!loop.brk && raised.size === (loop.cont ? 1 : 0)) {
      if (loop.cont) body.unshift(assignStmt(loop.cont, ast.num(0, span), span));
      t.emit({ kind: 'for', name: k, from: ast.num(1, span), to: ast.length(ast.variable(items, span), span), body: [read, ...body], span });
      return NONE;
    }
    t.emit(assignStmt(k, ast.num(1, span), span));
    body.unshift(read);
    const c = ast.compare('<=', ast.variable(k, span), ast.length(ast.variable(items, span), span), span);
    const step = assignStmt(k, ast.call('add', [ast.variable(k, span), ast.num(1, span)], span), span);
    return close(t, loop, c, [], body, raised, [step], s);
  });
}

function pushesOnto(body: AnyNode, name: string): boolean {
  return some(body, (n) => n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && n.callee.object.type === 'Identifier' && n.callee.object.name === name);
}

/** The loop variable of for…of: a new `const`/`let` of this scope, or an existing `let`. */
function elementBinding(t: Translator, left: AnyNode): string {
  if (left.type === 'VariableDeclaration') {
    const id = left.declarations[0].id;
    if (id.type !== 'Identifier') return t.refuse(id, 'a destructuring for…of');
    return t.bindingOf(id.name, 'number', left.kind === 'var' ? 'var' : 'let', left.kind === 'var' ? t.scope.functionScope() : t.scope).name;
  }
  if (left.type === 'Identifier') {
    const b = t.scope.lookup(left.name);
    if (!b || 'node' in b || b.kind === 'const' || b.value !== undefined) return t.refuse(left, `the loop variable '${left.name}'`, 'declare it: for (const x of a)');
    return b.name;
  }
  return t.refuse(left, 'a destructuring for…of');
}
