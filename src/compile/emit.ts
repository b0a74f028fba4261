// Pieces every generator shares: JavaScript names for gradlab variables, definite assignment,
// conditions with the interpreter's short-circuit, and the factory that turns text into code.
import type { CompareOp, Cond, Stmt } from '../ast';
import { FNS } from './source';
import { hoist } from './hoist';
import type { Kind } from './analyze';
import type { NaNPlan } from './nan';
import type { Cover } from './cover';
import { BAIL as BAIL_STMT, Flattener, type Scope } from './flatten';
import { BAIL, RUNTIME } from './runtime';

const JS_OP: Record<CompareOp, string> = { '<': '<', '<=': '<=', '>': '>', '>=': '>=', '==': '===', '!=': '!==' };

/** The program's variables with JavaScript names (v_x, or v3 where the name is not plain ASCII). */
export class Names {
  private readonly names = new Map<string, string>();
  /** Element reads an enclosing loop has range-tested before it started (see hoist.ts). */
  private hoisted: ReadonlySet<string> = new Set();
  /** Inside the copy of a loop that checks every trip: inner loops are not copied again, so
   *  the code grows with the loops' depth, not exponentially. */
  private plain = false;

  constructor(
    readonly kinds: ReadonlyMap<string, Kind>,
    /** The primal's NaN plan (nan.ts); the other generators test every assignment. */
    readonly nan: NaNPlan = { untested: new Set(), dirty: new Set() },
    /** The element reads that test the input point (cover.ts). */
    readonly cover?: Cover,
  ) {
    let i = 0;
    for (const name of kinds.keys()) this.names.set(name, /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `v_${name}` : `v${i}`), i++;
  }

  js(name: string): string {
    return this.names.get(name) ?? `v_undefined`;
  }

  all(): string[] {
    return [...this.names.values()];
  }

  scope(defined: ReadonlySet<string>): Scope {
    const hoisted = this.hoisted;
    const dirty = this.nan.dirty;
    const covered = this.cover?.keys;
    return { js: (n) => this.js(n), kind: (n) => this.kinds.get(n), defined: (n) => defined.has(n), hoisted: (key) => hoisted.has(key), dirty: (n) => dirty.has(n), covered: (key) => covered?.has(key) ?? false };
  }

  /** A `for` loop's trips as code, `trips` writing them (called once or twice). Where the loop's
   *  affine element reads are tested in range before it starts, the trips come in two copies: one
   *  without those reads' checks, run when the test passes, and one checking every trip as the
   *  interpreter does. The code runs after `lo` and `hi` are set. */
  forLoop(s: Extract<Stmt, { kind: 'for' }>, defined: ReadonlySet<string>, trips: () => string[]): string[] {
    const h = this.plain ? undefined : hoist(s, this.scope(defined), this.hoisted);
    if (!h) return trips();
    const outer = this.hoisted;
    try {
      this.hoisted = new Set([...outer, ...h.keys]);
      const fast = trips();
      this.hoisted = outer;
      this.plain = true;
      const slow = trips();
      return [...h.lines, `if (${h.flag}) {`, ...fast, '} else {', ...slow, '}'];
    } finally {
      this.hoisted = outer;
      this.plain = false;
    }
  }
}

let serial = 0;
/** A fresh prefix for one statement's temporaries. */
export const fresh = (): string => `t${serial++}_`;

/** Statements that set `target` to the condition's truth, evaluating only what the interpreter
 *  evaluates (`and` and `or` short-circuit). */
export function condLines(c: Cond, target: string, scope: Scope, checked: boolean): string[] {
  switch (c.kind) {
    case 'compare': {
      const f = new Flattener(scope, checked, fresh());
      const a = f.scalar(c.left);
      const b = f.scalar(c.right);
      f.checkNaN(a);
      f.checkNaN(b);
      return ['{', ...f.lines, `${target} = ${a.val} ${JS_OP[c.op]} ${b.val};`, '}'];
    }
    case 'logical': {
      const right = condLines(c.right, target, scope, checked);
      return [...condLines(c.left, target, scope, checked), `if (${c.op === 'and' ? '' : '!'}${target}) {`, ...right, '}'];
    }
    case 'not':
      return [...condLines(c.arg, target, scope, checked), `${target} = !${target};`];
  }
}

/** Whether `new Function` works here (a Content-Security-Policy without 'unsafe-eval' forbids it). */
let evalAllowed: boolean | undefined;
export function canGenerate(): boolean {
  if (evalAllowed === undefined) {
    try {
      evalAllowed = new Function('return 1')() === 1;
    } catch {
      evalAllowed = false;
    }
  }
  return evalAllowed;
}

/** Builds generated source into a function, with the row functions (F), the runtime (R), the
 *  bail marker (BAIL) and the function's data arrays (D, `Fn.data`) in scope. */
export function build<T>(source: string, data: ReadonlyMap<string, Float64Array> = new Map()): T {
  return new Function('F', 'R', 'BAIL', 'D', `"use strict";\n${source}`)(FNS, RUNTIME, BAIL, data) as T;
}

export function indent(lines: readonly string[]): string {
  let depth = 0;
  return lines
    .map((l) => {
      if (l.startsWith('}')) depth--;
      const s = '  '.repeat(Math.max(depth, 0)) + l;
      if (l.endsWith('{')) depth++;
      return s;
    })
    .join('\n');
}

/** A `while` loop as code: the condition tested before each trip, every trip counted against the budget. */
export function whileLines(cond: Cond, scope: Scope, body: readonly string[]): string[] {
  return ['for (;;) {', 'let c;', ...condLines(cond, 'c', scope, true), 'if (!c) break;', `if (++it > B) ${BAIL_STMT}`, ...body, '}'];
}

/** An `if` as code; after it, a name is defined where both branches define it. */
export function ifLines(
  cond: Cond,
  scope: Scope,
  defined: Set<string>,
  block: (body: readonly Stmt[], defined: Set<string>) => string[],
  then: readonly Stmt[],
  other: readonly Stmt[],
): string[] {
  const a = new Set(defined);
  const b = new Set(defined);
  const thenLines = block(then, a);
  const otherLines = block(other, b);
  for (const name of a) if (b.has(name)) defined.add(name);
  return ['{', 'let c;', ...condLines(cond, 'c', scope, true), 'if (c) {', ...thenLines, '} else {', ...otherLines, '}', '}'];
}
