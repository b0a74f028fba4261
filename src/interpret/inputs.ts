// Which names a program reads before it assigns them: its inputs, in order of first use.
import type { Cond, Expr, Program, Span, Stmt } from '../ast';

export interface InputUse {
  readonly name: string;
  /** Where the name is first read. */
  readonly span: Span;
}

export function inputsOf(program: Program): InputUse[] {
  const assigned = new Set<string>();
  const found = new Map<string, InputUse>();
  const read = (name: string, span: Span) => {
    if (!assigned.has(name) && !found.has(name)) found.set(name, { name, span });
  };

  const expr = (e: Expr): void => {
    switch (e.kind) {
      case 'number':
      case 'constant':
        return;
      case 'variable':
        return read(e.name, e.span);
      case 'index':
        read(e.name, e.span);
        return expr(e.index);
      case 'length':
        return expr(e.arg);
      case 'call':
        return e.args.forEach(expr);
      case 'vector':
        return e.items.forEach(expr);
    }
  };

  const cond = (c: Cond): void => {
    switch (c.kind) {
      case 'compare':
        expr(c.left);
        return expr(c.right);
      case 'logical':
        cond(c.left);
        return cond(c.right);
      case 'not':
        return cond(c.arg);
    }
  };

  const stmts = (body: readonly Stmt[]): void => {
    for (const s of body) {
      switch (s.kind) {
        case 'assign':
          expr(s.value);
          assigned.add(s.name);
          break;
        case 'assignIndex':
          read(s.name, s.span);
          expr(s.index);
          expr(s.value);
          break;
        case 'while':
          cond(s.cond);
          stmts(s.body);
          break;
        case 'if':
          cond(s.cond);
          stmts(s.then);
          stmts(s.else ?? []);
          break;
        case 'for':
          expr(s.from);
          expr(s.to);
          assigned.add(s.name);
          stmts(s.body);
          break;
        case 'return':
        case 'expr':
          expr(s.value);
          break;
      }
    }
  };

  stmts(program.body);
  return [...found.values()];
}
