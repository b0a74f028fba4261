// A JavaScript function (or a function of a .js/.ts file) as a gradlab program: parameters are
// the inputs, in order; destructured `{ a, b }` parameters give inputs `a` and `b`.
import type { AnyNode } from 'acorn';
import * as ast from '../ast';
import type { Program, Stmt } from '../ast';
import { EvalError, UsageError } from '../errors';
import { inputsOf } from '../interpret/inputs';
import { fold, value } from './expressions';
import { parseFileText, parseFunctionText, type JsFunction, type ParsedFunction } from './source';
import { block } from './statements';
import { isFunction, Scope, some } from './scope';
import { Translator, type Constants } from './translator';

export interface Translated {
  readonly program: Program;
  /** The inputs, in parameter order. */
  readonly inputs: readonly string[];
  /** The text the program's spans point into. */
  readonly source: string;
}

export interface TranslateOptions {
  /** Values for free variables (what a closure reads from outside its source). */
  readonly constants?: Constants;
}

/** A JS function value, through its own source text. */
export function translateFunction(fn: (...args: never[]) => unknown, options: TranslateOptions = {}): Translated {
  const parsed = parseFunctionText(Function.prototype.toString.call(fn));
  const root = new Scope(null, true);
  const id = parsed.node.id?.name;
  if (id) root.helpers.set(id, { node: parsed.node, name: id, scope: root });
  return translateMain(parsed, root, checkConstants(options.constants), id ?? (fn.name || 'the function'));
}

/**
 * The function `name` of a JS file (or its only function), with the file's other functions
 * callable from it and its top-level numeric `const`s as constants.
 */
export function translateFile(text: string, name?: string, options: TranslateOptions = {}): Translated & { readonly name: string } {
  const file = parseFileText(text);
  const root = new Scope(null, true);
  const constants: Record<string, number | readonly number[]> = {};
  const functions = new Map<string, JsFunction>();
  const probe = new Translator(0, constants, root, '');
  for (const top of file.body) {
    const s = top.type === 'ExportNamedDeclaration' || top.type === 'ExportDefaultDeclaration' ? top.declaration : top;
    if (!s) continue;
    if (s.type === 'FunctionDeclaration') functions.set(s.id?.name ?? 'default', s as JsFunction);
    if (s.type !== 'VariableDeclaration' || s.kind !== 'const') continue;
    for (const d of s.declarations) {
      if (d.id.type !== 'Identifier' || !d.init) continue;
      if (d.init.type === 'ArrowFunctionExpression' || d.init.type === 'FunctionExpression') functions.set(d.id.name, d.init);
      else {
        const c = constantOf(probe, d.init);
        if (c !== undefined) constants[d.id.name] = c;
      }
    }
  }
  Object.assign(constants, checkConstants(options.constants));
  const names = [...functions.keys()];
  if (name === undefined) {
    if (names.length !== 1) {
      throw new UsageError(names.length ? `the file defines ${names.length} functions (${names.join(', ')}): say which with --fn` : 'the file defines no function');
    }
    name = names[0];
  }
  const node = functions.get(name);
  if (!node) throw new UsageError(`no function '${name}' in the file (its functions: ${names.join(', ') || 'none'})`);
  for (const [n, f] of functions) root.helpers.set(n, { node: f, name: n, scope: root });
  return { ...translateMain({ node, source: text, shift: 0 }, root, constants, name), name };
}

function constantOf(t: Translator, node: AnyNode): number | readonly number[] | undefined {
  if (node.type === 'ArrayExpression') {
    const items = node.elements.map((e) => (e && e.type !== 'SpreadElement' ? fold(t, e) : undefined));
    return items.every((x) => x !== undefined) ? (items as number[]) : undefined;
  }
  if (node.type === 'MemberExpression') {
    try {
      const v = value(t, node);
      return v.e.kind === 'number' ? v.e.value : undefined;
    } catch {
      return undefined;
    }
  }
  return fold(t, node);
}

function checkConstants(c: Constants | undefined): Constants {
  if (c === undefined) return {};
  if (c === null || typeof c !== 'object') throw new UsageError('constants must be an object of numbers and arrays of numbers');
  for (const [k, v] of Object.entries(c)) {
    const ok = typeof v === 'number' ? Number.isFinite(v) : Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));
    if (!ok) throw new UsageError(`constant '${k}' must be a finite number or an array of them, got ${typeof v === 'function' ? 'a function' : JSON.stringify(v)}`);
  }
  return c;
}

function translateMain(parsed: ParsedFunction, root: Scope, constants: Constants, name: string): Translated {
  const f = parsed.node;
  const t = new Translator(parsed.shift, constants, root, name);
  if (f.async) t.refuse(f, 'an async function');
  if (f.generator) t.refuse(f, 'a generator function');
  const scope = new Scope(root, true);
  const inputs: string[] = [];
  const input = (inputName: string, local: string, node: AnyNode) => {
    if (inputs.includes(inputName)) t.refuse(node, `a second parameter named '${inputName}'`);
    inputs.push(inputName);
    t.reserve(inputName);
    scope.vars.set(local, { name: inputName, type: 'unknown', kind: 'param', level: 0, length: null });
  };
  for (const p of f.params) {
    if (p.type === 'Identifier') input(p.name, p.name, p);
    else if (p.type === 'ObjectPattern') {
      for (const prop of p.properties) {
        if (prop.type === 'RestElement') t.refuse(prop, 'a rest property');
        else if (prop.computed || prop.key.type !== 'Identifier') t.refuse(prop, 'a computed property name');
        else if (prop.value.type !== 'Identifier') t.refuse(prop.value, prop.value.type === 'AssignmentPattern' ? 'a default value' : 'a nested destructuring pattern');
        else input(prop.key.name, prop.value.name, prop);
      }
    } else t.refuse(p, p.type === 'AssignmentPattern' ? 'a default parameter value' : p.type === 'RestElement' ? 'a rest parameter' : 'an array pattern parameter', 'take the array and index it');
  }
  t.inlining.add(f);
  t.within(scope, () => {
    if (f.body.type !== 'BlockStatement') {
      const v = value(t, f.body);
      if (v.t === 'boolean') t.refuse(f.body, 'returning a boolean', 'return a number (JavaScript would return true or false)');
      t.emit({ kind: 'return', value: v.e, span: t.span(f.body) });
      return;
    }
    if (!some(f.body, (n) => n.type === 'ReturnStatement', (n) => n !== f.body && isFunction(n))) t.refuse(f, 'a function that returns nothing');
    block(t, f.body.body);
  });
  return { program: withInputs(t, inputs, f), inputs, source: parsed.source };
}

/** The program, reading every parameter first when the body alone would list its inputs otherwise. */
function withInputs(t: Translator, inputs: readonly string[], f: JsFunction): Program {
  const span = t.span(f);
  const body: Stmt[] = t.out;
  const used = inputsOf(ast.program(body, span));
  const stray = used.find((u) => !inputs.includes(u.name));
  if (stray) throw new EvalError('undefined-variable', `'${stray.name.replace(/_\d+$/, '')}' is read before it is assigned`, stray.span);
  if (used.length === inputs.length && used.every((u, i) => u.name === inputs[i])) return ast.program(body, span);
  const reads: Stmt[] = inputs.map((name) => ({ kind: 'expr', value: ast.variable(name, span), span }));
  return ast.program([...reads, ...body], span);
}
