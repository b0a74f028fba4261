// Array methods and builders: push (while the length is known), new Array(n).fill(c),
// Array.from, slice(), and map/reduce/forEach as counted loops over the array.
import type { AnyNode } from 'acorn';
import * as ast from '../ast';
import type { Expr } from '../ast';
import { inline, type Argument } from './calls';
import { argumentsOf, fold, number, value } from './expressions';
import { isHelper, type Helper } from './scope';
import { assignStmt, MAX_UNROLLED, type Translator, type Value } from './translator';

type Call = Extract<AnyNode, { type: 'CallExpression' }>;
type Member = Extract<AnyNode, { type: 'MemberExpression' }>;

/** Longest array built by push: each push rebuilds the vector, so the cost is quadratic in it. */
export const MAX_PUSHED = 1_000;
/** Longest array literal built while translating (new Array(n).fill, Array.from). */
export const MAX_BUILT = 100_000;

const methodOf = (callee: Member): string => (!callee.computed && callee.property.type === 'Identifier' ? callee.property.name : '');
const isArrayGlobal = (t: Translator, e: AnyNode): boolean => e.type === 'Identifier' && e.name === 'Array' && !t.scope.lookup('Array');

/** A call used for its effect: push, forEach, or a helper's statements. */
export function callEffect(t: Translator, node: Call): void {
  const callee = node.callee;
  if (callee.type === 'MemberExpression' && methodOf(callee) === 'push') return push(t, node, callee);
  if (callee.type === 'MemberExpression' && methodOf(callee) === 'forEach') {
    overElements(t, value(t, callee.object), node, callbackOf(t, node.arguments[0], node), () => []);
    return;
  }
  if (callee.type === 'Identifier') {
    // esbuild's keepNames adds `__name(f, "f")` after function declarations: no effect to translate.
    if (callee.name === '__name' && !t.scope.lookup('__name')) return;
    const helper = t.scope.lookup(callee.name);
    if (isHelper(helper)) {
      inline(t, helper, argumentsOf(t, node), node, false);
      return;
    }
  }
  t.collect(() => value(t, node)); // no effect; translated so that what is unsupported is named
}

/** A method call used as a value. */
export function arrayCall(t: Translator, node: Call, callee: Member): Value {
  const span = t.span(node);
  const method = methodOf(callee);
  const args = node.arguments;
  if (method === 'fill' && (callee.object.type === 'NewExpression' || callee.object.type === 'CallExpression') && isArrayGlobal(t, callee.object.callee)) {
    if (callee.object.arguments.length !== 1) return t.refuse(callee.object, 'Array(…) with other than one length');
    if (args.length !== 1) return t.refuse(node, 'fill with other than one value');
    return filled(t, callee.object.arguments[0], args[0], node);
  }
  if (method === 'from' && isArrayGlobal(t, callee.object)) return arrayFrom(t, node);
  if (isArrayGlobal(t, callee.object)) return t.refuse(callee, `Array.${method}`);
  switch (method) {
    case 'push':
      return t.refuse(node, 'the value of push', 'push as a statement of its own');
    case 'slice': {
      if (args.length) return t.refuse(node, 'slice with arguments', 'only a.slice() (a copy) is translated');
      const v = value(t, callee.object);
      return { e: v.e, t: 'array', length: v.length };
    }
    case 'map': {
      const src = t.spill(value(t, callee.object), 'a', span);
      const out = t.fresh('m');
      t.emit(assignStmt(out, src.e, span));
      overElements(t, src, node, callbackOf(t, args[0], node), (r) => [{ kind: 'assignIndex', name: out, index: r.k, value: r.value!.e, span }], true);
      return { e: ast.variable(out, span), t: 'array', length: src.length };
    }
    case 'reduce': {
      if (args.length < 2) return t.refuse(node, 'reduce without an initial value', 'give one: a.reduce((s, x) => s + x, 0)');
      const src = t.spill(value(t, callee.object), 'a', span);
      const acc = t.fresh('acc');
      t.emit(assignStmt(acc, number(t, args[1], 'reduce').e, span));
      const accValue: Value = { e: ast.variable(acc, span), t: 'number' };
      overElements(t, src, node, callbackOf(t, args[0], node), (r) => [assignStmt(acc, r.value!.e, span)], true, accValue);
      return accValue;
    }
    case 'length':
      return t.refuse(node, "calling '.length'");
    default:
      return t.refuse(callee, `the method '.${method || '[computed]'}()'`);
  }
}

function callbackOf(t: Translator, node: AnyNode | undefined, call: AnyNode): Helper {
  if (!node) return t.refuse(call, 'an array method without a function');
  if (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression') return { node, name: 'the callback', scope: t.scope };
  if (node.type === 'Identifier') {
    const h = t.scope.lookup(node.name);
    if (isHelper(h)) return h;
  }
  return t.refuse(node, 'a callback that is not a function of this source');
}

/**
 * `for k = 1:length(a)`, calling the callback on (accumulator?, a[k], k - 1, a) and emitting what
 * `after` makes of its result.
 */
function overElements(t: Translator, src: Value, node: AnyNode, cb: Helper, after: (r: { k: Expr; value?: Value }) => ast.Stmt[], wanted = false, acc?: Value): void {
  const span = t.span(node);
  if (src.t === 'number' || src.t === 'boolean') t.refuse(node, `an array method on a ${src.t}`);
  const arr = t.spill(src, 'a', span);
  if (arr.e.kind !== 'variable') return t.refuse(node, 'an array method on a constant array', 'give it a name first');
  const name = arr.e.name;
  const k = t.fresh('k');
  const kv = ast.variable(k, span);
  const [body] = t.repeated(() =>
    t.collect(() => {
      const args: Argument[] = [
        ...(acc ? [{ value: acc }] : []),
        { value: { e: ast.index(name, kv, span), t: 'number' } },
        { value: { e: ast.call('subtract', [kv, ast.num(1, span)], span), t: 'number' } },
        { value: arr },
      ];
      const r = inline(t, cb, args, node, wanted);
      if (wanted && (!r || (r.t !== 'number' && r.t !== 'unknown'))) t.refuse(node, 'a callback that does not return a number');
      after({ k: kv, value: r }).forEach((s) => t.emit(s));
    }),
  );
  t.emit({ kind: 'for', name: k, from: ast.num(1, span), to: ast.length(ast.variable(name, span), span), body, span });
}

function push(t: Translator, node: Call, callee: Member): void {
  const span = t.span(node);
  if (callee.object.type !== 'Identifier') return t.refuse(callee.object, 'push onto an expression', 'push onto a named array');
  const b = t.scope.lookup(callee.object.name);
  if (!b || isHelper(b) || b.value !== undefined || b.missing) return t.refuse(callee.object, `push onto '${callee.object.name}'`, 'push onto an array declared in the function');
  if (b.aliased) t.refuse(callee.object, `push onto '${callee.object.name}' while another name refers to the same array`);
  if (typeof b.length !== 'number') {
    t.refuse(node, `push onto '${callee.object.name}', whose length is not known while translating`, 'start it from a literal ([] or [x, y]) in the same function');
  }
  if (b.level !== t.level) t.refuse(node, 'push inside a branch or a loop that is not unrolled', 'only a for loop with constant bounds may push (it is unrolled)');
  const items: Expr[] = [];
  for (let k = 1; k <= b.length!; k++) items.push(ast.index(b.name, ast.num(k, span), span));
  for (const a of node.arguments) {
    if (a.type === 'SpreadElement') return t.refuse(a, 'a spread argument to push');
    items.push(number(t, a, 'push').e);
  }
  if (items.length > MAX_PUSHED) t.refuse(node, `an array pushed to more than ${MAX_PUSHED} elements`, 'each push copies the array while translating');
  t.emit(assignStmt(b.name, ast.vector(items, span), span));
  b.length = items.length;
}

/** `new Array(n).fill(c)`: n copies of c, for a length known while translating or `a.length`. */
function filled(t: Translator, lengthNode: AnyNode, fillNode: AnyNode, node: AnyNode): Value {
  const span = t.span(node);
  const c = t.spill(number(t, fillNode, 'fill'), 'c', span);
  return sized(t, lengthNode, node, () => c.e, span);
}

/** An array of a given length whose element k (0-based; null in a run-time loop) is `item(k)`. */
function sized(t: Translator, lengthNode: AnyNode, node: AnyNode, item: (k: number | null, kExpr?: Expr) => Expr, span: ast.Span): Value {
  const n = fold(t, lengthNode);
  if (n !== undefined) {
    if (!Number.isInteger(n) || n < 0) return t.refuse(lengthNode, `an array of length ${n}`, 'JavaScript throws a RangeError');
    if (n > MAX_BUILT) return t.refuse(lengthNode, `an array of ${n} elements built while translating`, `at most ${MAX_BUILT.toLocaleString('en-US')}`);
    return { e: ast.vector(Array.from({ length: n }, (_, k) => item(k)), span), t: 'array', length: n };
  }
  if (lengthNode.type === 'MemberExpression' && !lengthNode.computed && lengthNode.property.type === 'Identifier' && lengthNode.property.name === 'length') {
    // A run-time length, as another array's: copy that array, then overwrite every element.
    const src = value(t, lengthNode.object);
    const out = t.fresh('a');
    t.emit(assignStmt(out, src.e, span));
    const k = t.fresh('k');
    const kv = ast.variable(k, span);
    const [body] = t.repeated(() => t.collect(() => t.emit({ kind: 'assignIndex', name: out, index: kv, value: item(null, ast.call('subtract', [kv, ast.num(1, span)], span)), span })));
    t.emit({ kind: 'for', name: k, from: ast.num(1, span), to: ast.length(ast.variable(out, span), span), body, span });
    return { e: ast.variable(out, span), t: 'array', length: null };
  }
  return t.refuse(lengthNode, 'an array length not known while translating', 'use a constant or the length of an array: new Array(a.length).fill(0)');
}

function arrayFrom(t: Translator, node: Call): Value {
  const span = t.span(node);
  const [first, fnNode] = node.arguments;
  if (!first || first.type === 'SpreadElement') return t.refuse(node, 'Array.from without an array or { length: n }');
  if (first.type === 'ObjectExpression') {
    const prop = first.properties[0];
    const key = prop?.type === 'Property' && !prop.computed ? (prop.key.type === 'Identifier' ? prop.key.name : prop.key.type === 'Literal' ? String(prop.key.value) : '') : '';
    if (first.properties.length !== 1 || key !== 'length' || prop.type !== 'Property') return t.refuse(first, 'Array.from of an object other than { length: n }');
    if (!fnNode || fnNode.type === 'SpreadElement') return t.refuse(node, 'Array.from({ length: n }) without a function', 'its elements would be undefined');
    const cb = callbackOf(t, fnNode, node);
    const n = fold(t, prop.value);
    if (n !== undefined && n > MAX_UNROLLED - t.unrolled) t.refuse(prop.value, `Array.from of ${n} elements`, `it is built while translating, at most ${MAX_UNROLLED.toLocaleString('en-US')} calls in all`);
    const call = (k: number | null, kExpr?: Expr): Expr => {
      t.unrolled++;
      const index: Value = { e: k === null ? kExpr! : ast.num(k, span), t: 'number' };
      const r = inline(t, cb, [{ value: null }, { value: index }], node, true);
      if (!r || (r.t !== 'number' && r.t !== 'unknown')) t.refuse(fnNode, 'a callback that does not return a number');
      return r.e;
    };
    return sized(t, prop.value, node, call, span);
  }
  const src = value(t, first);
  if (src.t === 'number' || src.t === 'boolean') return t.refuse(first, `Array.from of a ${src.t}`);
  if (!fnNode) return { e: src.e, t: 'array', length: src.length };
  if (fnNode.type === 'SpreadElement') return t.refuse(fnNode, 'a spread argument to Array.from');
  const arr = t.spill(src, 'a', span);
  const out = t.fresh('m');
  t.emit(assignStmt(out, arr.e, span));
  overElements(t, arr, node, callbackOf(t, fnNode, node), (r) => [{ kind: 'assignIndex', name: out, index: r.k, value: r.value!.e, span }], true);
  return { e: ast.variable(out, span), t: 'array', length: arr.length };
}
