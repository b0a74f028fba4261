// JavaScript source in: a function's own text (`fn.toString()`) or a whole file, parsed by acorn,
// with positions turned into gradlab spans so every later error names the JS line and column.
import { parse as acornParse, parseExpressionAt, type AnyNode, type ArrowFunctionExpression, type FunctionDeclaration, type FunctionExpression, type Program as JsProgram } from 'acorn';
import type { Span } from '../ast';
import { ParseError, UnsupportedError } from '../errors';

/** A function as written: a declaration, a function expression or an arrow. */
export type JsFunction = FunctionDeclaration | FunctionExpression | ArrowFunctionExpression;

/** A parsed function and the text its spans point into. */
export interface ParsedFunction {
  readonly node: JsFunction;
  readonly source: string;
  /** Characters added before the text to make it parse (a method's `name(x) { … }`). */
  readonly shift: number;
}

const OPTIONS = { ecmaVersion: 'latest', locations: true } as const;

export function spanOf(node: AnyNode, shift = 0): Span {
  const loc = node.loc!.start;
  return { start: node.start - shift, end: node.end - shift, line: loc.line, column: loc.column + 1 - (loc.line === 1 ? shift : 0) };
}

/** The function a JS function value was written as: arrow, `function`, or method shorthand. */
export function parseFunctionText(source: string): ParsedFunction {
  if (/\{\s*\[native code\]\s*\}\s*$/.test(source)) {
    throw new UnsupportedError('a built-in or bound function has no source to translate; wrap it: (x) => Math.sin(x)', undefined, 'native function');
  }
  try {
    const node = parseExpressionAt(source, 0, OPTIONS) as AnyNode;
    if ((node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression') && source.slice(node.end).trim() === '') {
      return { node, source, shift: 0 };
    }
  } catch {
    // Not an expression on its own: a method's text, `loss(w) { … }`, is tried below.
  }
  // A method's text parses as the one property of an object literal.
  const wrapped = `({${source}})`;
  let program: JsProgram;
  try {
    program = acornParse(wrapped, OPTIONS);
  } catch (err) {
    throw syntaxError(err, 2);
  }
  const stmt = program.body[0];
  if (stmt?.type === 'ExpressionStatement' && stmt.expression.type === 'ObjectExpression') {
    const prop = stmt.expression.properties[0];
    if (prop?.type === 'Property' && prop.value.type === 'FunctionExpression') return { node: prop.value, source, shift: 2 };
  }
  throw new UnsupportedError('expected a function: an arrow, a function expression or a method', undefined, 'function');
}

/** A whole file: every statement, parsed as a module so `export function` is allowed. */
export function parseFileText(source: string): JsProgram {
  try {
    return acornParse(source, { ...OPTIONS, sourceType: 'module', allowHashBang: true });
  } catch (err) {
    throw syntaxError(err, 0);
  }
}

/** acorn's SyntaxError, with its position, as a gradlab ParseError. */
function syntaxError(err: unknown, shift: number): ParseError {
  const e = err as SyntaxError & { pos?: number; loc?: { line: number; column: number } };
  if (e.pos === undefined || !e.loc) throw err;
  const message = e.message.replace(/ \(\d+:\d+\)$/, '');
  const column = e.loc.column + 1 - (e.loc.line === 1 ? shift : 0);
  const span: Span = { start: e.pos - shift, end: e.pos - shift + 1, line: e.loc.line, column };
  return new ParseError('syntax', `JavaScript: ${message}`, span, '');
}
