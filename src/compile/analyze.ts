// What the code generators need to know about a program before they write it: whether each
// variable holds numbers or vectors, which carry derivatives, and (for reverse mode) its returns
// moved to the ends of branches so that every path ends in one.
import type { Cond, Expr, Program, Stmt } from '../ast';
import { inputsOf } from '../interpret/inputs';

export type Kind = 'scalar' | 'vector';

/** A construct the compiler does not cover: the caller falls back to the interpreter and says why. */
export class Refused extends Error {}

/** The kind of an expression's value, given the variables' kinds (undefined: not yet known). */
export function kindOf(e: Expr, kinds: ReadonlyMap<string, Kind>): Kind | undefined {
  switch (e.kind) {
    case 'number':
    case 'constant':
    case 'call':
    case 'index':
    case 'length':
      return 'scalar';
    case 'vector':
      return 'vector';
    case 'variable':
      return kinds.get(e.name);
  }
}

/** Every statement, nested ones included, in program order. */
export function* walk(body: readonly Stmt[]): Generator<Stmt> {
  for (const s of body) {
    yield s;
    switch (s.kind) {
      case 'while':
      case 'for':
        yield* walk(s.body);
        break;
      case 'if':
        yield* walk(s.then);
        yield* walk(s.else ?? []);
        break;
      case 'assign':
      case 'assignIndex':
      case 'return':
      case 'expr':
        break;
    }
  }
}

/** One kind per variable, inputs' kinds given by the point's layout. A variable that holds a
 *  number at one place and a vector at another is refused (generated code gives it one type). */
export function variableKinds(program: Program, inputs: ReadonlyMap<string, Kind>): Map<string, Kind> {
  const kinds = new Map(inputs);
  const set = (name: string, k: Kind | undefined): boolean => {
    if (k === undefined) return false;
    const had = kinds.get(name);
    if (had === undefined) {
      kinds.set(name, k);
      return true;
    }
    if (had !== k) throw new Refused(`'${name}' holds both a number and a vector`);
    return false;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of walk(program.body)) {
      if (s.kind === 'assign') changed = set(s.name, kindOf(s.value, kinds)) || changed;
      else if (s.kind === 'for') changed = set(s.name, 'scalar') || changed;
    }
  }
  return kinds;
}

/** Whether an expression reads a variable in `active` (index positions and lengths never carry
 *  a derivative). */
export function isActive(e: Expr, active: ReadonlySet<string>): boolean {
  switch (e.kind) {
    case 'number':
    case 'constant':
    case 'length':
      return false;
    case 'variable':
    case 'index':
      return active.has(e.name);
    case 'call':
      return e.args.some((a) => isActive(a, active));
    case 'vector':
      return e.items.some((a) => isActive(a, active));
  }
}

/** The variables that depend on the inputs: the inputs and whatever an active value reaches.
 *  Data bound from `Fn.data` (a training batch) is read but never differentiated. */
export function activeVariables(program: Program, data: readonly string[] = []): Set<string> {
  const active = new Set(inputsOf(program).map((u) => u.name).filter((n) => !data.includes(n)));
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of walk(program.body)) {
      if ((s.kind === 'assign' || s.kind === 'assignIndex') && !active.has(s.name) && isActive(s.value, active)) {
        active.add(s.name);
        changed = true;
      }
    }
  }
  return active;
}

/** Variables read in a condition, an expression or a statement list (for definite assignment). */
export function condExprs(c: Cond): Expr[] {
  switch (c.kind) {
    case 'compare':
      return [c.left, c.right];
    case 'logical':
      return [...condExprs(c.left), ...condExprs(c.right)];
    case 'not':
      return condExprs(c.arg);
  }
}

/** The program's body with its final expression made a `return` (the same meaning: it is the
 *  value when no `return` ran first). */
export function withFinalReturn(program: Program): Stmt[] {
  const body = [...program.body];
  const last = body[body.length - 1];
  if (last?.kind === 'expr') body[body.length - 1] = { kind: 'return', value: last.value, span: last.span };
  return body;
}

function returnsInside(body: readonly Stmt[]): boolean {
  for (const s of walk(body)) if (s.kind === 'return') return true;
  return false;
}

function endsInReturn(body: readonly Stmt[]): boolean {
  const last = body[body.length - 1];
  if (!last) return false;
  if (last.kind === 'return') return true;
  return last.kind === 'if' && endsInReturn(last.then) && endsInReturn(last.else ?? []);
}

/** The body rewritten so that every `return` ends its path: statements after an `if` that may
 *  return move into its branches that do not. A `return` inside a loop is refused (the reverse
 *  sweep replays loops whole). Statements after a `return` never run and are dropped. */
export function returnsAtEnds(body: readonly Stmt[]): Stmt[] {
  const out: Stmt[] = [];
  for (let i = 0; i < body.length; i++) {
    const s = body[i];
    switch (s.kind) {
      case 'return':
        out.push(s);
        return out;
      case 'if': {
        if (!returnsInside([s])) {
          out.push(s);
          break;
        }
        const rest = body.slice(i + 1);
        const branch = (b: readonly Stmt[]) => returnsAtEnds(endsInReturn(b) ? b : [...b, ...rest]);
        out.push({ ...s, then: branch(s.then), else: branch(s.else ?? []) });
        return out;
      }
      case 'while':
      case 'for':
        if (returnsInside(s.body)) throw new Refused(`a 'return' inside a ${s.kind} loop (line ${s.span.line}) is not compiled for derivatives`);
        out.push(s);
        break;
      case 'assign':
      case 'assignIndex':
      case 'expr':
        out.push(s);
        break;
    }
  }
  return out;
}

/** How generated code binds a data array of `Fn.data` (D in scope), read at every call: the
 *  array itself, or a copy where the program writes into it. */
export function dataBinding(program: Program, name: string): string {
  for (const s of walk(program.body)) if (s.kind === 'assignIndex' && s.name === name) return `D.get(${JSON.stringify(name)}).slice()`;
  return `D.get(${JSON.stringify(name)})`;
}

/** How generated code binds input i: a vector the program never writes into is a view of the
 *  point (no copy); one it writes into is copied, as the interpreter copies it. */
export function inputBinding(program: Program, name: string, kind: Kind | undefined, i: number): string {
  if (kind !== 'vector') return `x[off[${i}]]`;
  for (const s of walk(program.body)) if (s.kind === 'assignIndex' && s.name === name) return `x.slice(off[${i}], off[${i}] + len[${i}])`;
  return `x.subarray(off[${i}], off[${i}] + len[${i}])`;
}
