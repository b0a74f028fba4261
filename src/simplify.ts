// `simplify` as a verb: of an expression, or of what a function returns (source text, a program,
// a compiled function, a JS function), run on symbols through its assignments and loops.
import * as ast from './ast';
import type { Expr, Stmt } from './ast';
import { compile, layoutOf, type CompileOptions, type FnLike } from './diff/fn';
import { piecesOf } from './diff/symbolic';
import { SymbolicDomain } from './diff/expr';
import { UnsupportedError, UsageError } from './errors';
import { simplify as simplifyExpr, type Simplified, type SimplifyOptions } from './symbolic/simplify';

export function simplify(f: Expr | FnLike, options: SimplifyOptions & CompileOptions = {}): Simplified {
  return simplifyExpr(expressionOf(f, options), options);
}

/** The expression a function computes: its returned expression as written, or built on symbols. */
export function expressionOf(f: Expr | FnLike, options: CompileOptions = {}): Expr {
  if (f !== null && typeof f === 'object' && ast.EXPR_KINDS.has((f as { kind: string }).kind)) return f as Expr;
  const fn = compile(f as FnLike, options);
  if (!fn.program) throw new UsageError('simplify needs a function with a program; this one was built from expressions');
  const direct = returned(fn.program.body, fn.inputs);
  if (direct) return direct;
  const zeros = Object.fromEntries(fn.inputs.map((name) => [name, 0]));
  const layout = layoutOf(fn, zeros);
  const S = new SymbolicDomain();
  const leaves = layout.entries.map((e) => S.builder.leaf(ast.variable(e.name) as never));
  let run;
  try {
    run = piecesOf(fn, layout, S, leaves);
  } catch (err) {
    // An array input has no size without a point: say what to do instead of a type error.
    if (err instanceof Error && 'code' in err && (err as { code: string }).code === 'type') {
      throw new UsageError(`simplify runs the function on symbols, which needs scalar inputs: ${err.message}`);
    }
    throw err;
  }
  if (run.pieces.length > 1) throw new UnsupportedError(`the function is piecewise (${run.pieces.length} paths through input-dependent branches): simplify takes one expression`, undefined, 'if');
  const outs = run.pieces[0].outputs;
  return run.vector ? ast.vector(outs) : outs[0];
}

/** `return e` (or a final `e`) after nothing but reads of the inputs: e itself, spans and all. */
function returned(body: readonly Stmt[], inputs: readonly string[]): Expr | null {
  const rest = body.filter((s) => !(s.kind === 'expr' && s.value.kind === 'variable' && inputs.includes(s.value.name) && s !== body[body.length - 1]));
  if (rest.length !== 1) return null;
  const only = rest[0];
  return only.kind === 'return' || only.kind === 'expr' ? only.value : null;
}
