// Range checks taken out of a `for` loop: an element read whose index is affine in the counter
// (c·k + d, c and d integers the loop does not change) into a vector the loop does not reassign
// is in range on every trip when it is in range on the first and the last, so one test before the
// loop stands for the per-trip tests. When the test fails (or cannot decide) a second copy of the
// loop checks every trip as before, so the code bails exactly where it bailed without the test.
import { stripSpans, type Expr, type Stmt } from '../ast';
import { condExprs, walk } from './analyze';
import type { Scope } from './flatten';

type ForStmt = Extract<Stmt, { kind: 'for' }>;

/** The key a flattened element read goes by (the same text marks one read in an expression). */
export const elementKey = (name: string, index: Expr): string => `${name}[${JSON.stringify(stripSpans(index))}]`;

/** Variables a statement list assigns (loop counters included). */
function assigned(body: readonly Stmt[]): Set<string> {
  const out = new Set<string>();
  for (const s of walk(body)) if (s.kind === 'assign' || s.kind === 'for') out.add(s.name);
  return out;
}

/** Every expression a statement list evaluates, nested statements' included. */
function* exprsOf(body: readonly Stmt[]): Generator<Expr> {
  for (const s of walk(body)) {
    switch (s.kind) {
      case 'assign':
      case 'expr':
      case 'return':
        yield s.value;
        break;
      case 'assignIndex':
        yield { kind: 'index', name: s.name, index: s.index, span: s.span };
        yield s.value;
        break;
      case 'for':
        yield s.from;
        yield s.to;
        break;
      case 'while':
        yield* condExprs(s.cond);
        break;
      case 'if':
        yield* condExprs(s.cond);
        break;
    }
  }
}

/** Every element read in e, the index's own included (all are evaluated: expressions have no
 *  short-circuit). */
export function* indexReads(e: Expr): Generator<Extract<Expr, { kind: 'index' }>> {
  switch (e.kind) {
    case 'index':
      yield e;
      yield* indexReads(e.index);
      break;
    case 'call':
      for (const a of e.args) yield* indexReads(a);
      break;
    case 'vector':
      for (const a of e.items) yield* indexReads(a);
      break;
    case 'length':
      yield* indexReads(e.arg);
      break;
    case 'number':
    case 'constant':
    case 'variable':
      break;
  }
}

const AFFINE_OPS: Record<string, string> = { add: '+', subtract: '-', multiply: '*' };

/** The counters e reads, where e is affine in them jointly with integer leaves that do not
 *  change (`fixed`): no product of two counter-dependent parts; undefined where it is not. */
export function affineIn(e: Expr, counters: readonly string[], fixed: (name: string) => boolean, scope: Scope): Set<string> | undefined {
  switch (e.kind) {
    case 'number':
      return Number.isInteger(e.value) ? new Set() : undefined;
    case 'variable':
      if (counters.includes(e.name)) return new Set([e.name]);
      return fixed(e.name) && scope.kind(e.name) === 'scalar' ? new Set() : undefined;
    case 'length':
      return e.arg.kind === 'variable' && fixed(e.arg.name) && scope.kind(e.arg.name) === 'vector' ? new Set() : undefined;
    case 'call': {
      if (e.op === 'unaryMinus' && e.args.length === 1) return affineIn(e.args[0], counters, fixed, scope);
      if (!(e.op in AFFINE_OPS) || e.args.length !== 2) return undefined;
      const a = affineIn(e.args[0], counters, fixed, scope);
      const b = affineIn(e.args[1], counters, fixed, scope);
      if (!a || !b || (e.op === 'multiply' && a.size > 0 && b.size > 0)) return undefined;
      return new Set([...a, ...b]);
    }
    case 'constant':
    case 'index':
    case 'vector':
      return undefined;
  }
}

/** JavaScript for an affine e with its counters replaced by `at`'s texts; every intermediate
 *  value's text goes into `parts` (each must be a safe integer for the arithmetic to be exact). */
export function textAt(e: Expr, at: Readonly<Record<string, string>>, scope: Scope, parts: string[]): string {
  let text: string;
  switch (e.kind) {
    case 'number':
      text = e.value < 0 || Object.is(e.value, -0) ? `(${e.value})` : String(e.value);
      break;
    case 'variable':
      text = at[e.name] ?? scope.js(e.name);
      break;
    case 'length':
      text = `${scope.js((e.arg as Extract<Expr, { kind: 'variable' }>).name)}?.length`;
      break;
    case 'call': {
      const args = e.args.map((a) => textAt(a, at, scope, parts));
      text = e.op === 'unaryMinus' ? `(-${args[0]})` : `(${args[0]} ${AFFINE_OPS[e.op]} ${args[1]})`;
      break;
    }
    default:
      throw new Error('textAt: not an affine index');
  }
  parts.push(text);
  return text;
}

/** textAt for one counter. */
export const valueAt = (e: Expr, counter: string, at: string, scope: Scope, parts: string[]): string => textAt(e, { [counter]: at }, scope, parts);

export interface Hoist {
  /** Statements before the loop (after `lo` and `hi` are set) that set the flag. */
  readonly lines: readonly string[];
  /** True where every trip's reads `keys` are in range. */
  readonly flag: string;
  /** The element reads the test covers. */
  readonly keys: ReadonlySet<string>;
}

let serial = 0;

/** The loop's pre-tested reads and the test, for a loop whose counter runs over the JavaScript
 *  values `lo`, lo + 1, … ≤ `hi`. Reads an enclosing loop already tests are left to it. */
export function hoist(s: ForStmt, scope: Scope, outer: ReadonlySet<string>): Hoist | undefined {
  const changed = assigned(s.body);
  if (changed.has(s.name)) return undefined;
  const reads = new Map<string, Extract<Expr, { kind: 'index' }>>();
  for (const e of exprsOf(s.body)) {
    for (const r of indexReads(e)) {
      const key = elementKey(r.name, r.index);
      if (outer.has(key) || reads.has(key) || changed.has(r.name) || scope.kind(r.name) !== 'vector') continue;
      if (affineIn(r.index, [s.name], (n) => !changed.has(n), scope) !== undefined) reads.set(key, r);
    }
  }
  if (reads.size === 0) return undefined;
  const flag = `h${serial++}`;
  const tests = ['Number.isSafeInteger(lo)', 'Number.isSafeInteger(Math.floor(hi))'];
  for (const r of reads.values()) {
    for (const at of ['lo', 'Math.floor(hi)']) {
      const parts: string[] = [];
      const i = valueAt(r.index, s.name, at, scope, parts);
      // Integer literals and the ends themselves need no test.
      const exact = parts.filter((p) => p !== at && !/^-?\d+$/.test(p));
      tests.push(...exact.map((p) => `Number.isSafeInteger(${p})`), `${i} >= 1`, `${i} <= ${scope.js(r.name)}?.length`);
    }
  }
  const lines = [`const ${flag} = ${[...new Set(tests)].join(' && ')};`];
  return { lines, flag, keys: new Set(reads.keys()) };
}
