// Calls of functions written in the same source: inlined at each call, their parameters bound to
// the arguments (an array passed by name is the caller's own, as JS shares it), their returns
// turned into a result variable and, where a return is not the last statement, a flag.
import type { AnyNode, Statement } from 'acorn';
import * as ast from '../ast';
import { block } from './statements';
import { value } from './expressions';
import { assigns, mutates, Scope, type Binding, type Helper } from './scope';
import { assignStmt, type Translator, type Value } from './translator';

/** An argument: its value, or null for one JS leaves undefined (Array.from's element). */
export interface Argument {
  readonly value: Value | null;
  readonly node?: AnyNode;
}

export function inline(t: Translator, helper: Helper, args: readonly Argument[], node: AnyNode, wanted: boolean): Value | undefined {
  const f = helper.node;
  if (t.inlining.has(f)) t.refuse(node, `a recursive call of '${helper.name}'`, 'calls are inlined, so recursion cannot be: write it as a loop');
  if (f.async) t.refuse(node, 'an async function');
  if (f.generator) t.refuse(node, 'a generator function');
  const span = t.span(node);
  const scope = new Scope(helper.scope, true);
  f.params.forEach((p, i) => {
    if (p.type !== 'Identifier') {
      t.refuse(p, p.type === 'AssignmentPattern' ? 'a default parameter value' : p.type === 'RestElement' ? 'a rest parameter' : "a destructured parameter of a function that is called");
    }
    const a = args[i];
    if (!a) return t.refuse(node, `a call of '${helper.name}' with ${args.length} of its ${f.params.length} arguments`, 'JavaScript would pass undefined');
    if (a.value === null) {
      scope.vars.set(p.name, { name: '', type: 'unknown', kind: 'param', level: t.level, missing: true });
      return;
    }
    const reassigned = assigns(f.body, p.name);
    const v = a.value;
    if (!reassigned && v.binding && v.binding.value === undefined && !v.binding.missing) {
      scope.vars.set(p.name, v.binding); // the caller's variable itself: mutations show, as in JS
      return;
    }
    if (!reassigned && v.e.kind === 'number') {
      scope.vars.set(p.name, { name: '', type: 'number', kind: 'const', level: t.level, value: v.e.value });
      return;
    }
    if (reassigned && v.binding && v.t !== 'number' && mutates(f.body, p.name)) {
      t.refuse(p, `'${p.name}', an array argument that is both reassigned and changed in place`);
    }
    const b: Binding = t.bindingOf(p.name, v.t, 'let', scope);
    b.length = v.length ?? null;
    t.emit(assignStmt(b.name, v.e, span));
  });

  const saved = { scope: t.scope, fn: t.fn, loops: t.loops };
  const body = f.body;
  const tail = body.type === 'BlockStatement' ? body.body[body.body.length - 1] : undefined;
  t.scope = scope;
  t.fn = { main: false, name: helper.name, result: t.fresh('r'), tail: tail?.type === 'ReturnStatement' ? tail : undefined };
  t.loops = [];
  t.inlining.add(f);
  try {
    if (body.type !== 'BlockStatement') return value(t, body);
    if (wanted && !alwaysReturns(body.body)) {
      t.refuse(node, `using the value of '${helper.name}'`, 'it can end without returning one; end it with a return');
    }
    const [stmts] = t.collect(() => block(t, body.body));
    if (t.fn.done) stmts.unshift(assignStmt(t.fn.done, ast.num(0, span), span));
    for (const s of stmts) t.emit(s);
    if (!t.fn.returned) return undefined;
    return { e: ast.variable(t.fn.result!, span), t: t.fn.resultType ?? 'unknown' };
  } finally {
    t.inlining.delete(f);
    t.scope = saved.scope;
    t.fn = saved.fn;
    t.loops = saved.loops;
  }
}

/** Whether every path through the statements ends in a return (loops aside). */
export function alwaysReturns(body: readonly Statement[]): boolean {
  const last = body[body.length - 1];
  if (!last) return false;
  switch (last.type) {
    case 'ReturnStatement':
      return true;
    case 'BlockStatement':
      return alwaysReturns(last.body);
    case 'IfStatement':
      return !!last.alternate && alwaysReturns([last.consequent]) && alwaysReturns([last.alternate]);
    default:
      return body.slice(0, -1).some((s) => s.type === 'ReturnStatement');
  }
}
