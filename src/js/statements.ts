// JS statements to gradlab statements. Each returns the flags it may raise (break, continue, a
// helper's early return); the statements after it then run under a guard that every flag is down.
import type { AnyNode, VariableDeclaration } from 'acorn';
import * as ast from '../ast';
import type { Stmt } from '../ast';
import { forLoop, forOfLoop, whileLoop, doWhileLoop } from './loops';
import { callEffect } from './arrays';
import { readBeforeAssigned } from './assigned';
import { EvalError } from '../errors';
import { cond, element, number, oneBased, value } from './expressions';
import { Scope, isHelper, type Binding } from './scope';
import { allClear, assignStmt, mergeTypes, type Translator, type Value } from './translator';

export type Flags = ReadonlySet<string>;
export const NONE: Flags = new Set();

const COMPOUND: Record<string, string> = { '+=': 'add', '-=': 'subtract', '*=': 'multiply', '/=': 'divide', '**=': 'pow' };

const REFUSED: Record<string, string> = {
  SwitchStatement: "'switch' (write it with if/else)", TryStatement: "'try'", ThrowStatement: "'throw'",
  LabeledStatement: 'a label', ClassDeclaration: 'a class', WithStatement: "'with'", DebuggerStatement: "'debugger'",
  ForInStatement: "'for…in' (loop with for…of over an array)", ImportDeclaration: 'an import', ExportNamedDeclaration: 'an export',
};

/** Statements of one JS block: function declarations first (JS hoists them), then in order. */
export function block(t: Translator, body: readonly AnyNode[]): Flags {
  for (const s of body) {
    if (s.type === 'FunctionDeclaration' && s.id) t.scope.helpers.set(s.id.name, { node: s, name: s.id.name, scope: t.scope });
  }
  const flags = new Set<string>();
  for (let i = 0; i < body.length; i++) {
    if (t.repeats > 0) refuseStaleRead(t, body[i], body.slice(i + 1));
    const raised = stmt(t, body[i]);
    if (raised.size === 0) continue;
    raised.forEach((f) => flags.add(f));
    const rest = body.slice(i + 1).filter((s) => s.type !== 'FunctionDeclaration' && s.type !== 'EmptyStatement');
    if (rest.length === 0) break;
    const span = t.span(rest[0]);
    const [guarded, more] = t.deeper(() => t.collect(() => block(t, rest)));
    if (guarded.length) t.emit({ kind: 'if', cond: allClear(raised, span), then: guarded, else: null, span });
    more.forEach((f) => flags.add(f));
    break;
  }
  return flags;
}

/** A statement as a block of its own scope (the body of an if or a loop). */
/** A `let y;` in a loop body has no value again on each trip: refuses a read that may come first. */
function refuseStaleRead(t: Translator, s: AnyNode, rest: readonly AnyNode[]): void {
  if (s.type !== 'VariableDeclaration' || s.kind !== 'let') return;
  s.declarations.forEach((d, k) => {
    if (d.init || d.id.type !== 'Identifier') return;
    const later = s.declarations.slice(k + 1).flatMap((e) => (e.init ? [e.init] : []));
    const read = readBeforeAssigned([...later, ...rest], d.id.name);
    if (read) throw new EvalError('undefined-variable', `'${d.id.name}' may be read before it is assigned: \`let ${d.id.name};\` in a loop has no value again on each trip`, t.span(read));
  });
}

export function nested(t: Translator, s: AnyNode): Flags {
  return t.within(new Scope(t.scope, false), () => block(t, s.type === 'BlockStatement' ? s.body : [s]));
}

function stmt(t: Translator, s: AnyNode): Flags {
  const span = t.span(s);
  switch (s.type) {
    case 'VariableDeclaration':
      declare(t, s);
      return NONE;
    case 'ExpressionStatement':
      effect(t, s.expression);
      return NONE;
    case 'BlockStatement':
      return nested(t, s);
    case 'EmptyStatement':
    case 'FunctionDeclaration':
      return NONE;
    case 'IfStatement': {
      const c = cond(t, s.test);
      const [then, a] = t.deeper(() => t.collect(() => nested(t, s.consequent)));
      const [otherwise, b] = s.alternate ? t.deeper(() => t.collect(() => nested(t, s.alternate!))) : [null, NONE];
      t.emit({ kind: 'if', cond: c, then, else: otherwise && otherwise.length ? otherwise : null, span });
      return new Set([...a, ...b]);
    }
    case 'ReturnStatement':
      return returns(t, s);
    case 'BreakStatement':
    case 'ContinueStatement': {
      if (s.label) return t.refuse(s, `a labelled ${s.type === 'BreakStatement' ? 'break' : 'continue'}`);
      const loop = t.loops[t.loops.length - 1];
      if (!loop) return t.refuse(s, `'${s.type === 'BreakStatement' ? 'break' : 'continue'}' outside a loop`);
      const flag = s.type === 'BreakStatement' ? (loop.brk ??= t.fresh('brk')) : (loop.cont ??= t.fresh('cont'));
      t.emit(assignStmt(flag, ast.num(1, span), span));
      return new Set([flag]);
    }
    case 'WhileStatement':
      return whileLoop(t, s);
    case 'DoWhileStatement':
      return doWhileLoop(t, s);
    case 'ForStatement':
      return forLoop(t, s);
    case 'ForOfStatement':
      return forOfLoop(t, s);
    default:
      return t.refuse(s, REFUSED[s.type] ?? `a ${s.type}`);
  }
}

function returns(t: Translator, s: Extract<AnyNode, { type: 'ReturnStatement' }>): Flags {
  const span = t.span(s);
  if (!s.argument) return t.refuse(s, 'a return without a value');
  const v = value(t, s.argument);
  if (v.t === 'boolean') t.refuse(s.argument, 'returning a boolean', 'return a number (JavaScript would return true or false)');
  const fn = t.fn;
  if (fn.main) {
    t.emit({ kind: 'return', value: v.e, span });
    return NONE;
  }
  const type = mergeTypes(fn.resultType ?? 'unknown', v.t);
  if (type === null) t.refuse(s, `'${fn.name}' returning both numbers and arrays`);
  fn.resultType = type;
  fn.returned = true;
  t.emit(assignStmt(fn.result!, v.e, span));
  if (s === fn.tail) return NONE;
  fn.done ??= t.fresh('done');
  t.emit(assignStmt(fn.done, ast.num(1, span), span));
  return new Set([fn.done]);
}

/** `const`, `let`, `var`: each name a gradlab variable of its own; `const f = (…) => …` a helper. */
export function declare(t: Translator, d: VariableDeclaration): void {
  if (d.kind !== 'const' && d.kind !== 'let' && d.kind !== 'var') return t.refuse(d, `'${d.kind}'`);
  for (const decl of d.declarations) {
    const init = decl.init && unwrapName(t, decl.init);
    if (decl.id.type === 'Identifier') {
      if (init && (init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression')) {
        t.scope.helpers.set(decl.id.name, { node: init, name: decl.id.name, scope: t.scope });
        continue;
      }
      const scope = d.kind === 'var' ? t.scope.functionScope() : t.scope;
      const existing = d.kind === 'var' ? scope.vars.get(decl.id.name) : undefined;
      const b = existing ?? t.bindingOf(decl.id.name, 'unknown', d.kind, scope);
      if (init) assignTo(t, b, init, decl);
      continue;
    }
    if (decl.id.type === 'ArrayPattern' && init) {
      const source = t.spill(value(t, init), 'parts', t.span(init));
      if (source.e.kind !== 'variable') return t.refuse(init, 'destructuring a constant array', 'give it a name first');
      decl.id.elements.forEach((el, k) => {
        if (el === null) return;
        if (el.type !== 'Identifier') return t.refuse(el, 'a nested or defaulted destructuring pattern');
        const b = t.bindingOf(el.name, 'number', d.kind as Binding['kind'], d.kind === 'var' ? t.scope.functionScope() : t.scope);
        const sp = t.span(el);
        t.emit(assignStmt(b.name, ast.index((source.e as { name: string }).name, ast.num(k + 1, sp), sp), sp));
      });
      continue;
    }
    t.refuse(decl.id, 'destructuring an object', 'only parameters may be destructured');
  }
}

/** esbuild's keepNames writes `const f = __name((t) => …, "f")`: the function is the first argument. */
function unwrapName(t: Translator, e: AnyNode): AnyNode {
  if (e.type !== 'CallExpression' || e.callee.type !== 'Identifier' || e.callee.name !== '__name' || t.scope.lookup('__name')) return e;
  const f = e.arguments[0];
  return f && (f.type === 'ArrowFunctionExpression' || f.type === 'FunctionExpression') ? f : e;
}

/** `name = value`, keeping what is known of it; `b = a` of arrays makes both names shared. */
function assignTo(t: Translator, b: Binding, node: AnyNode, at: AnyNode): void {
  const v: Value = value(t, node);
  setType(t, b, v, at);
  if (v.binding && v.t !== 'number' && v.t !== 'boolean') {
    v.binding.aliased = true;
    b.aliased = true;
  }
  b.length = b.level === t.level ? (v.length ?? null) : null;
  t.emit(assignStmt(b.name, v.e, t.span(at)));
}

function setType(t: Translator, b: Binding, v: Value, at: AnyNode): void {
  const type = mergeTypes(b.type, v.t);
  if (type === null) t.refuse(at, `a variable that holds both ${article(b.type)} and ${article(v.t)}`);
  b.type = type;
}

/** A binding that may be assigned: declared in the source, not a constant. */
function target(t: Translator, id: AnyNode & { name: string }, op: string | null): Binding {
  const b = t.scope.lookup(id.name);
  if (!b) return t.refuse(id, `an assignment to the free variable '${id.name}'`);
  if (isHelper(b)) return t.refuse(id, `an assignment to the function '${id.name}'`);
  if (b.value !== undefined || b.missing) return t.refuse(id, `changing the constant '${id.name}'`);
  // A const array's elements may change; the name may not be bound anew.
  if (op !== null && b.kind === 'const') return t.refuse(id, `'${op}' on the constant '${id.name}'`, 'JavaScript throws a TypeError');
  return b;
}

/** An expression run for its effect: assignments, ++/--, push, calls of helpers. */
export function effect(t: Translator, e: AnyNode): void {
  const span = t.span(e);
  if (e.type === 'SequenceExpression') return e.expressions.forEach((x) => effect(t, x));
  if (e.type === 'AssignmentExpression' || e.type === 'UpdateExpression') {
    const op = e.type === 'UpdateExpression' ? (e.operator === '++' ? 'add' : 'subtract') : COMPOUND[e.operator];
    const left = e.type === 'UpdateExpression' ? e.argument : e.left;
    if (e.type === 'AssignmentExpression' && e.operator !== '=' && !op) return t.refuse(e, `the operator '${e.operator}'`);
    const rhs = (read: () => Value): Value => {
      if (e.type === 'UpdateExpression') return { e: ast.call(op!, [read().e, ast.num(1, span)], span), t: 'number' };
      if (e.operator === '=') return value(t, e.right);
      const old = read();
      if (old.t !== 'number' && old.t !== 'unknown') t.refuse(left, `'${e.operator}' on a ${old.t}`);
      return { e: ast.call(op!, [old.e, number(t, e.right, `'${e.operator}'`).e], span), t: 'number' };
    };
    if (left.type === 'Identifier') {
      const b = target(t, left, e.type === 'UpdateExpression' ? e.operator : e.operator);
      if (e.type === 'AssignmentExpression' && e.operator === '=') return assignTo(t, b, e.right, e);
      const v = rhs(() => ({ e: ast.variable(b.name, t.span(left)), t: b.type }));
      setType(t, b, v, e);
      return t.emit(assignStmt(b.name, v.e, span));
    }
    if (left.type === 'MemberExpression' && left.computed && left.object.type === 'Identifier') {
      const b = target(t, left.object, null);
      if (b.aliased) t.refuse(left, `changing '${left.object.name}' in place while another name refers to the same array`);
      if (b.type === 'number' || b.type === 'boolean') t.refuse(left, `indexing a ${b.type}`);
      const idx = t.spill({ e: oneBased(t, left.property), t: 'number' }, 'i', t.span(left.property));
      const v = rhs(() => ({ e: ast.index(b.name, idx.e, t.span(left)), t: 'number' }));
      if (v.t !== 'number' && v.t !== 'unknown') t.refuse(e, `storing a ${v.t} in an array element`);
      const s: Stmt = { kind: 'assignIndex', name: b.name, index: idx.e, value: v.e, span };
      return t.emit(s);
    }
    if (left.type === 'MemberExpression') {
      element(t, left.object, left.property, left); // refuses with the reason
      return t.refuse(left, 'an assignment to a property');
    }
    return t.refuse(left, 'a destructuring assignment');
  }
  if (e.type === 'CallExpression') return callEffect(t, e);
  // Anything else has no effect: translated only so an unsupported construct is still named.
  t.collect(() => value(t, e));
}

const article = (type: string) => (type === 'array' ? 'an array' : `a ${type}`);

