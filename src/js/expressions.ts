// JS expressions to gradlab expressions, in JavaScript's order of operations (so values agree
// bit for bit). `?:`, value-context `&&`/`||` and inlined calls become statements placed before
// the expression that uses them; 0-based indices become gradlab's 1-based ones.
import type { AnyNode, Expression, SpreadElement } from 'acorn';
import * as ast from '../ast';
import type { CompareOp, Cond, Expr } from '../ast';
import { PRIMITIVES } from '../primitives';
import { inline, type Argument } from './calls';
import { arrayCall } from './arrays';
import { isHelper } from './scope';
import { assignStmt, mergeTypes, type Translator, type Value } from './translator';

const ARITHMETIC: Record<string, string> = { '+': 'add', '-': 'subtract', '*': 'multiply', '/': 'divide', '**': 'pow' };
const COMPARISON: Record<string, CompareOp> = { '<': '<', '<=': '<=', '>': '>', '>=': '>=', '==': '==', '===': '==', '!=': '!=', '!==': '!=' };

/** Math functions that take any number of arguments, and their value for none. */
const VARIADIC: Record<string, number> = { max: -Infinity, min: Infinity, hypot: 0 };
const MATH_CONSTANTS: Record<string, Expr | undefined> = { PI: ast.constant('pi'), E: ast.constant('e') };
const NUMBER_CONSTANTS = ['EPSILON', 'MAX_VALUE', 'MIN_VALUE', 'MAX_SAFE_INTEGER', 'MIN_SAFE_INTEGER', 'POSITIVE_INFINITY', 'NEGATIVE_INFINITY'];

/** Words for the constructs the subset leaves out, by acorn node type. */
const CONSTRUCTS: Record<string, string> = {
  ThisExpression: "'this'", ObjectExpression: 'an object literal', TemplateLiteral: 'a template string',
  TaggedTemplateExpression: 'a tagged template', SequenceExpression: 'the comma operator', AwaitExpression: "'await'",
  YieldExpression: "'yield'", ChainExpression: "optional chaining '?.'", ClassExpression: 'a class', MetaProperty: 'new.target or import.meta',
  ImportExpression: 'import()', Super: "'super'", NewExpression: "'new'", ArrowFunctionExpression: 'a function used as a value',
  FunctionExpression: 'a function used as a value', AssignmentExpression: 'an assignment inside an expression',
  UpdateExpression: 'an increment inside an expression',
};

export function value(t: Translator, node: AnyNode): Value {
  const span = t.span(node);
  switch (node.type) {
    case 'Literal':
      if (typeof node.value === 'number') return { e: ast.num(node.value, span), t: 'number' };
      if (typeof node.value === 'boolean') return { e: ast.num(node.value ? 1 : 0, span), t: 'boolean' };
      return t.refuse(node, typeof node.value === 'string' ? 'a string' : node.value === null ? "'null'" : node.regex ? 'a regular expression' : 'a BigInt');
    case 'Identifier':
      return identifier(t, node.name, node);
    case 'ArrayExpression':
      return arrayLiteral(t, node.elements, node);
    case 'UnaryExpression': {
      if (node.operator === '!') return t.materialize(cond(t, node), span);
      if (node.operator !== '-' && node.operator !== '+') return t.refuse(node, `the operator '${node.operator}'`);
      const a = number(t, node.argument, `unary ${node.operator}`);
      if (node.operator === '+') return a;
      if (a.e.kind === 'number') return { e: ast.num(-a.e.value, span), t: 'number' };
      return { e: ast.call('unaryMinus', [a.e], span), t: 'number' };
    }
    case 'BinaryExpression': {
      const op = ARITHMETIC[node.operator];
      if (op) {
        const a = number(t, node.left, `'${node.operator}'`);
        const b = number(t, node.right, `'${node.operator}'`);
        return { e: ast.call(op, [a.e, b.e], span), t: 'number' };
      }
      if (COMPARISON[node.operator]) return t.materialize(cond(t, node), span);
      if (node.operator === '%') return t.refuse(node, "the remainder operator '%'", 'it has no primitive (no derivative rule)');
      return t.refuse(node, `the operator '${node.operator}'`);
    }
    case 'LogicalExpression':
      return logicalValue(t, node);
    case 'ConditionalExpression': {
      const c = cond(t, node.test);
      const [then, a] = t.deeper(() => t.collect(() => value(t, node.consequent)));
      const [otherwise, b] = t.deeper(() => t.collect(() => value(t, node.alternate)));
      const type = mergeTypes(a.t, b.t);
      if (type === null) return t.refuse(node, 'a conditional whose branches give different kinds of value');
      const name = t.fresh('t');
      t.emit({ kind: 'if', cond: c, then: [...then, assignStmt(name, a.e, span)], else: [...otherwise, assignStmt(name, b.e, span)], span });
      return { e: ast.variable(name, span), t: type, length: a.length === b.length ? a.length : null };
    }
    case 'CallExpression':
      return callValue(t, node);
    case 'MemberExpression':
      return member(t, node);
    default:
      return t.refuse(node, CONSTRUCTS[node.type] ?? `a ${node.type}`);
  }
}

/** A value that must be a number (not a boolean, not an array). */
export function number(t: Translator, node: AnyNode, what: string): Value {
  const v = value(t, node);
  if (v.t === 'boolean') t.refuse(node, `arithmetic on a boolean (${what})`, 'JavaScript would turn it into 0 or 1; write the number');
  if (v.t === 'array') t.refuse(node, `an array as an operand of ${what}`, "JavaScript would make a string of it");
  return v;
}

function identifier(t: Translator, name: string, node: AnyNode): Value {
  const span = t.span(node);
  const b = t.scope.lookup(name);
  if (isHelper(b)) return t.refuse(node, `the function '${name}' used as a value`, 'call it');
  if (b) {
    if (b.missing) return t.refuse(node, `reading '${name}'`, 'it is undefined here');
    if (b.value !== undefined) return constantValue(b.value, span);
    if (b.oneBased) return { e: ast.call('subtract', [ast.variable(b.name, span), ast.num(1, span)], span), t: 'number' };
    return { e: ast.variable(b.name, span), t: b.type, length: b.length, binding: b };
  }
  if (name === 'Infinity') return { e: ast.num(Infinity, span), t: 'number' };
  if (name === 'undefined' || name === 'NaN') return t.refuse(node, `'${name}'`);
  const c = t.constants[name];
  if (c !== undefined) return constantValue(c, span);
  return t.refuse(node, `the free variable '${name}'`, `a closure's variables are not visible in its source; bind it with { constants: { ${name}: … } }`);
}

export function constantValue(v: number | readonly number[], span: ast.Span): Value {
  if (typeof v === 'number') return { e: ast.num(v, span), t: 'number' };
  return { e: ast.vector(v.map((x) => ast.num(x, span)), span), t: 'array', length: v.length };
}

function arrayLiteral(t: Translator, elements: readonly (Expression | SpreadElement | null)[], node: AnyNode): Value {
  const span = t.span(node);
  const items: Expr[] = [];
  for (const el of elements) {
    if (el === null) return t.refuse(node, 'an array with holes');
    if (el.type === 'SpreadElement') {
      const v = t.spill(value(t, el.argument), 'spread', t.span(el));
      if (v.t === 'number' || v.t === 'boolean') t.refuse(el, 'spreading a number');
      if (typeof v.length !== 'number') t.refuse(el, 'spreading an array whose length is not known while translating', 'build it with push or index assignments');
      if (v.e.kind === 'vector') items.push(...v.e.items);
      else for (let k = 1; k <= v.length!; k++) items.push(ast.index((v.e as { name: string }).name, ast.num(k, span), span));
      continue;
    }
    items.push(number(t, el, 'an array element').e);
  }
  return { e: ast.vector(items, span), t: 'array', length: items.length };
}

function logicalValue(t: Translator, node: Extract<AnyNode, { type: 'LogicalExpression' }>): Value {
  const span = t.span(node);
  if (node.operator === '??') return value(t, node.left); // a number is never null or undefined
  const left = value(t, node.left);
  if (left.t === 'boolean') return t.materialize(cond(t, node), span);
  // Numbers: `a || b` is a when a is truthy, else b; `a && b` the other way round.
  const a = t.spill(left, 't', span);
  const [pre, b] = t.deeper(() => t.collect(() => number(t, node.right, `'${node.operator}'`)));
  const name = t.fresh('t');
  const keep = [assignStmt(name, a.e, span)];
  const other = [...pre, assignStmt(name, b.e, span)];
  const truthy = ast.compare('!=', a.e, ast.num(0, span), span);
  t.emit({ kind: 'if', cond: truthy, then: node.operator === '||' ? keep : other, else: node.operator === '||' ? other : keep, span });
  return { e: ast.variable(name, span), t: 'number' };
}

/** A condition: comparisons, `&&`, `||`, `!`, and the truthiness of a number (`!= 0`). */
export function cond(t: Translator, node: AnyNode): Cond {
  const span = t.span(node);
  if (node.type === 'Literal' && typeof node.value === 'boolean') return ast.compare(node.value ? '==' : '!=', ast.num(1, span), ast.num(1, span), span);
  if (node.type === 'BinaryExpression' && COMPARISON[node.operator]) {
    const a = number(t, node.left, `'${node.operator}'`);
    const b = number(t, node.right, `'${node.operator}'`);
    return ast.compare(COMPARISON[node.operator], a.e, b.e, span);
  }
  if (node.type === 'UnaryExpression' && node.operator === '!') return ast.not(cond(t, node.argument), span);
  if (node.type === 'LogicalExpression' && node.operator !== '??') {
    const left = cond(t, node.left);
    const [pre, right] = t.deeper(() => t.collect(() => cond(t, node.right)));
    const op = node.operator === '&&' ? 'and' : 'or';
    if (pre.length === 0) return ast.logical(op, left, right, span);
    // The right side needs statements first: run them only where JS evaluates the right side.
    const name = t.fresh('b');
    const set = (v: number) => assignStmt(name, ast.num(v, span), span);
    if (op === 'and') {
      t.emit(set(0));
      t.emit({ kind: 'if', cond: left, then: [...pre, { kind: 'if', cond: right, then: [set(1)], else: null, span }], else: null, span });
    } else {
      t.emit(set(1));
      t.emit({ kind: 'if', cond: ast.not(left, span), then: [...pre, { kind: 'if', cond: ast.not(right, span), then: [set(0)], else: null, span }], else: null, span });
    }
    return ast.compare('==', ast.variable(name, span), ast.num(1, span), span);
  }
  const v = value(t, node);
  if (v.t === 'array') return ast.compare('==', ast.num(1, span), ast.num(1, span), span); // an array is truthy
  return ast.compare('!=', v.e, ast.num(0, span), span);
}

function member(t: Translator, node: Extract<AnyNode, { type: 'MemberExpression' }>): Value {
  const span = t.span(node);
  if (node.object.type === 'Super') return t.refuse(node.object, "'super'");
  if (node.optional) return t.refuse(node, "optional chaining '?.'");
  if (!node.computed) {
    const prop = node.property.type === 'Identifier' ? node.property.name : '#private';
    const global = node.object.type === 'Identifier' && !t.scope.lookup(node.object.name) ? node.object.name : null;
    if (global === 'Math') {
      const c = MATH_CONSTANTS[prop];
      if (c) return { e: { ...c, span }, t: 'number' };
      const v = (Math as unknown as Record<string, unknown>)[prop];
      if (typeof v === 'number') return { e: ast.num(v, span), t: 'number' };
      return t.refuse(node, `Math.${prop}`, typeof v === 'function' ? 'call it' : 'no such constant');
    }
    if (global === 'Number' && NUMBER_CONSTANTS.includes(prop)) return { e: ast.num((Number as unknown as Record<string, number>)[prop], span), t: 'number' };
    if (prop === 'length') {
      const v = value(t, node.object);
      if (v.t === 'number' || v.t === 'boolean') t.refuse(node, `'.length' of a ${v.t}`);
      return { e: ast.length(v.e, span), t: 'number' };
    }
    if (node.object.type !== 'Identifier') value(t, node.object); // `this.k`: 'this' is the first thing to refuse
    return t.refuse(node, `the property '.${prop}'`, 'objects are parameters only: destructure them, ({ a, b }) => …');
  }
  return { e: element(t, node.object, node.property, node), t: 'number' };
}

/** `a[i]`: the array by name, and the 0-based index made 1-based. */
export function element(t: Translator, object: AnyNode, property: AnyNode, node: AnyNode): Expr {
  const span = t.span(node);
  const arr = t.spill(value(t, object), 'a', t.span(object));
  if (arr.t === 'number' || arr.t === 'boolean') t.refuse(object, `indexing a ${arr.t}`);
  if (arr.e.kind !== 'variable') return t.refuse(object, 'indexing a constant array', 'give it a name first');
  return ast.index(arr.e.name, oneBased(t, property), span);
}

export function oneBased(t: Translator, property: AnyNode): Expr {
  const span = t.span(property);
  // A counted loop's counter is held 1-based already: `a[i]`, `a[i + 1]`, `a[i - 1]` need no extra step.
  const counter = (e: AnyNode) => {
    const b = e.type === 'Identifier' ? t.scope.lookup(e.name) : undefined;
    return b && !isHelper(b) && b.oneBased ? b : undefined;
  };
  const c = counter(property);
  if (c) return ast.variable(c.name, span);
  if (property.type === 'BinaryExpression' && (property.operator === '+' || property.operator === '-')) {
    const left = counter(property.left);
    const k = property.right.type === 'Literal' && typeof property.right.value === 'number' && Number.isInteger(property.right.value) ? property.right.value : undefined;
    if (left && k !== undefined) return ast.call(property.operator === '+' ? 'add' : 'subtract', [ast.variable(left.name, span), ast.num(k, span)], span);
  }
  const i = number(t, property, 'an index');
  return i.e.kind === 'number' ? ast.num(i.e.value + 1, span) : ast.call('add', [i.e, ast.num(1, span)], span);
}

function callValue(t: Translator, node: Extract<AnyNode, { type: 'CallExpression' }>): Value {
  const span = t.span(node);
  if (node.optional) return t.refuse(node, "optional chaining '?.'");
  const callee = node.callee;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.object.type === 'Identifier' && callee.object.name === 'Math' && !t.scope.lookup('Math')) {
    const name = callee.property.type === 'Identifier' ? callee.property.name : '';
    return { e: mathCall(t, name, node), t: 'number' };
  }
  if (callee.type === 'MemberExpression') return arrayCall(t, node, callee);
  if (callee.type === 'Identifier') {
    const helper = t.scope.lookup(callee.name);
    if (isHelper(helper)) return inline(t, helper, argumentsOf(t, node), node, true)!;
    if (helper) return t.refuse(callee, `calling '${callee.name}'`, 'it is not a function');
    if (t.constants[callee.name] !== undefined) return t.refuse(callee, `calling the constant '${callee.name}'`);
    return t.refuse(callee, `a call of '${callee.name}'`, 'it is not defined in this source: define it there, where calls are inlined');
  }
  void span;
  return t.refuse(node, 'a call of a computed function');
}

/** Arguments in JS order, each evaluated once; a name is passed as itself (arrays are shared). */
export function argumentsOf(t: Translator, node: Extract<AnyNode, { type: 'CallExpression' }>): Argument[] {
  return node.arguments.map((a) => {
    if (a.type === 'SpreadElement') return t.refuse(a, 'a spread argument to a function of the source');
    const v = value(t, a);
    return { value: v, node: a };
  });
}

function mathCall(t: Translator, name: string, node: Extract<AnyNode, { type: 'CallExpression' }>): Expr {
  const span = t.span(node);
  const fn = (Math as unknown as Record<string, unknown>)[name];
  if (name === 'random') return t.refuse(node.callee, 'Math.random', 'randomness has no derivative: pass the random numbers as inputs');
  if (typeof fn !== 'function') return t.refuse(node.callee, `Math.${name}`, 'no such function');
  if (!PRIMITIVES.has(name)) return t.refuse(node.callee, `Math.${name}`, 'it has no primitive in gradlab (no derivative rule)');
  const variadic = name in VARIADIC;
  const args: Expr[] = [];
  for (const a of node.arguments) {
    if (a.type === 'SpreadElement') {
      if (!variadic) t.refuse(a, `a spread argument to Math.${name}`);
      const v = value(t, a.argument);
      if (v.t === 'boolean' || v.t === 'number') t.refuse(a, 'spreading a number');
      args.push(v.e);
      continue;
    }
    const v = value(t, a);
    if (v.t === 'array') t.refuse(a, `an array passed to Math.${name}`, variadic ? `JavaScript gives NaN; spread it: Math.${name}(...a)` : 'it takes numbers');
    if (v.t === 'boolean') t.refuse(a, `a boolean passed to Math.${name}`);
    args.push(v.e);
  }
  if (variadic) return args.length ? ast.call(name, args, span) : ast.num(VARIADIC[name], span);
  const arity = (fn as (...x: number[]) => number).length;
  if (args.length !== arity) {
    t.refuse(node, `Math.${name} with ${args.length} argument${args.length === 1 ? '' : 's'}`, `it takes ${arity}; JavaScript would ${args.length > arity ? 'ignore the rest' : 'use undefined'}`);
  }
  return ast.call(name, args, span);
}

/** A number known while translating: literals, bound constants, unrolled counters, known lengths. */
export function fold(t: Translator, node: AnyNode): number | undefined {
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'number' ? node.value : undefined;
    case 'Identifier': {
      const b = t.scope.lookup(node.name);
      if (isHelper(b)) return undefined;
      const v = b ? b.value : t.constants[node.name];
      return typeof v === 'number' ? v : undefined;
    }
    case 'UnaryExpression': {
      const a = node.operator === '-' ? fold(t, node.argument) : undefined;
      return a === undefined ? undefined : -a;
    }
    case 'BinaryExpression': {
      const a = fold(t, node.left);
      const b = fold(t, node.right);
      if (a === undefined || b === undefined) return undefined;
      switch (node.operator) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/': return a / b;
        default: return undefined;
      }
    }
    case 'MemberExpression': {
      if (node.computed || node.property.type !== 'Identifier' || node.property.name !== 'length' || node.object.type !== 'Identifier') return undefined;
      const b = t.scope.lookup(node.object.name);
      if (isHelper(b)) return undefined;
      if (!b) {
        const c = t.constants[node.object.name];
        return Array.isArray(c) ? c.length : undefined;
      }
      if (Array.isArray(b.value)) return b.value.length;
      // A length known here holds at run time: pushes happen only at the array's own depth.
      return typeof b.length === 'number' && (b.kind === 'const' || b.level === t.level) ? b.length : undefined;
    }
    default:
      return undefined;
  }
}
