// The one interpreter: walks a program's statements and expressions and hands every arithmetic
// step to a Domain, so the same walk evaluates, differentiates or builds expressions.
import type { CompareOp, Cond, Expr, Program, Span, Stmt } from '../ast';
import { EvalError } from '../errors';
import { arityRange, PRIMITIVES, type Primitive } from '../primitives';
import { isVector, type Domain, type Site, type Value } from './domain';
import { inputsOf } from './inputs';

export const DEFAULT_MAX_ITERATIONS = 1_000_000;

export interface RunOptions {
  /** Loop iterations allowed in one run, all loops together (default 10⁶). */
  readonly maxIterations?: number;
}

const INFIX_SYMBOL: Record<string, string> = { add: '+', subtract: '-', multiply: '*', divide: '/', pow: '^' };

function holds(op: CompareOp, a: number, b: number): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
}

/** Marks a `return` travelling out of nested blocks. */
class Returned<T> {
  constructor(readonly value: Value<T>) {}
}

export function interpret<T>(program: Program, domain: Domain<T>, inputs: Readonly<Record<string, Value<T>>>, options: RunOptions = {}): Value<T> {
  return new Run(domain, options.maxIterations ?? DEFAULT_MAX_ITERATIONS).program(program, inputs);
}

class Run<T> {
  private readonly env = new Map<string, Value<T>>();
  private iterations = 0;

  constructor(
    private readonly domain: Domain<T>,
    private readonly budget: number,
  ) {}

  program(program: Program, inputs: Readonly<Record<string, Value<T>>>): Value<T> {
    const wanted = inputsOf(program);
    const names = new Set(wanted.map((u) => u.name));
    for (const given of Object.keys(inputs)) {
      if (!names.has(given)) {
        const list = wanted.length ? wanted.map((u) => u.name).join(', ') : 'none';
        throw new EvalError('unknown-input', `'${given}' is not an input of this program (its inputs: ${list}); leave '${given}' out of the point, or use it in the program to make it an input`);
      }
    }
    for (const use of wanted) {
      const v = inputs[use.name];
      if (v === undefined) throw new EvalError('missing-input', `no value given for the input '${use.name}'`, use.span);
      this.env.set(use.name, isVector(v) ? v.slice() : v);
    }
    const out = this.block(program.body);
    if (out instanceof Returned) return out.value;
    const last = program.body[program.body.length - 1];
    if (last?.kind === 'expr') return this.expr(last.value);
    throw new EvalError('no-result', "the program computes no result: end it with an expression or 'return'", last?.span);
  }

  private block(body: readonly Stmt[]): Returned<T> | undefined {
    const n = body.length;
    for (let i = 0; i < n; i++) {
      const s = body[i];
      // The program's final expression is its value: evaluated once, by the caller.
      if (s.kind === 'expr' && i === n - 1) break;
      const r = this.stmt(s);
      if (r) return r;
    }
    return undefined;
  }

  private stmt(s: Stmt): Returned<T> | undefined {
    switch (s.kind) {
      case 'assign': {
        const v = this.expr(s.value);
        this.env.set(s.name, isVector(v) && s.value.kind === 'variable' ? v.slice() : v);
        return undefined;
      }
      case 'assignIndex': {
        const target = this.lookup(s.name, s.span);
        if (!isVector(target)) throw new EvalError('type', `'${s.name}' is a number, not a vector: it cannot be indexed`, s.span);
        target[this.position(target, s.name, s.index)] = this.scalar(s.value, 'an element');
        return undefined;
      }
      case 'while':
        while (this.cond(s.cond, { kind: 'while', span: s.span })) {
          this.tick(s);
          const r = this.body(s.body);
          if (r) return r;
        }
        return undefined;
      case 'if':
        return this.body(this.cond(s.cond, { kind: 'if', span: s.span }) ? s.then : (s.else ?? []));
      case 'for': {
        const site: Site = { kind: 'for', span: s.span };
        const from = this.bound(s.from, site);
        const to = this.bound(s.to, site);
        for (let i = from; i <= to; i++) {
          this.tick(s);
          this.env.set(s.name, this.domain.constant(i));
          const r = this.body(s.body);
          if (r) return r;
        }
        return undefined;
      }
      case 'return':
        return new Returned(this.expr(s.value));
      case 'expr':
        this.expr(s.value);
        return undefined;
    }
  }

  /** A nested block: unlike the program, its last expression is not a value. */
  private body(stmts: readonly Stmt[]): Returned<T> | undefined {
    for (const s of stmts) {
      const r = this.stmt(s);
      if (r) return r;
    }
    return undefined;
  }

  private tick(s: Stmt): void {
    if (++this.iterations > this.budget) {
      throw new EvalError(
        'iteration-budget',
        `${s.kind} loop ran past the budget of ${this.budget.toLocaleString('en-US')} iterations; raise it with maxIterations (CLI: --max-iterations)`,
        s.span,
      );
    }
  }

  private bound(e: Expr, site: Site): number {
    const v = this.domain.primal(this.scalar(e, 'a loop bound'), site);
    if (!Number.isFinite(v)) throw new EvalError('domain', `loop bound is ${v}, not a finite number`, e.span);
    return v;
  }

  private cond(c: Cond, site: Site): boolean {
    switch (c.kind) {
      case 'compare': {
        const a = this.scalar(c.left, 'a comparison');
        const b = this.scalar(c.right, 'a comparison');
        const d = this.domain;
        return d.compare ? d.compare(c.op, a, b, site) : holds(c.op, d.primal(a, site), d.primal(b, site));
      }
      case 'logical':
        return c.op === 'and' ? this.cond(c.left, site) && this.cond(c.right, site) : this.cond(c.left, site) || this.cond(c.right, site);
      case 'not':
        return !this.cond(c.arg, site);
    }
  }

  private peek(x: T): number {
    return this.domain.peek ? this.domain.peek(x) : this.domain.primal(x);
  }

  private lookup(name: string, span: Span): Value<T> {
    const v = this.env.get(name);
    if (v === undefined) throw new EvalError('undefined-variable', `'${name}' has no value here: it is assigned only on a path not taken`, span);
    return v;
  }

  private scalar(e: Expr, what: string): T {
    const v = this.expr(e);
    if (isVector(v)) throw new EvalError('type', `${what} must be a number, got a vector of length ${v.length}`, e.span);
    return v;
  }

  /** The 0-based slot of a 1-based index expression. */
  private position(vec: readonly T[], name: string, idx: Expr): number {
    const i = this.domain.primal(this.scalar(idx, 'an index'), { kind: 'index', span: idx.span });
    if (!Number.isInteger(i) || i < 1 || i > vec.length) {
      throw new EvalError('index', `index ${i} is out of range for '${name}' of length ${vec.length} (indices run from 1)`, idx.span);
    }
    return i - 1;
  }

  expr(e: Expr): Value<T> {
    switch (e.kind) {
      case 'number':
        return this.domain.constant(e.value);
      case 'constant':
        return this.domain.apply(PRIMITIVES.get(e.name)!, []);
      case 'variable':
        return this.lookup(e.name, e.span);
      case 'index': {
        const vec = this.lookup(e.name, e.span);
        if (!isVector(vec)) throw new EvalError('type', `'${e.name}' is a number, not a vector: it cannot be indexed`, e.span);
        return vec[this.position(vec, e.name, e.index)];
      }
      case 'length': {
        const v = this.expr(e.arg);
        if (!isVector(v)) throw new EvalError('type', 'length takes a vector, got a number', e.arg.span);
        return this.domain.constant(v.length);
      }
      case 'vector':
        return e.items.map((item) => this.scalar(item, 'a vector element'));
      case 'call':
        return this.call(e);
    }
  }

  private call(e: Extract<Expr, { kind: 'call' }>): T {
    const p = PRIMITIVES.get(e.op)!;
    const [min, max] = arityRange(p);
    const args: T[] = [];
    for (const a of e.args) {
      const v = this.expr(a);
      if (!isVector(v)) args.push(v);
      else if (max === Infinity) for (let k = 0; k < v.length; k++) args.push(v[k]);
      else throw new EvalError('type', `'${e.op}' takes numbers, got a vector of length ${v.length}`, a.span);
    }
    if (args.length < min) throw new EvalError('arity', `'${e.op}' needs at least ${min} number${min === 1 ? '' : 's'}, got ${args.length}`, e.span);
    const out = this.apply(p, args, e.span);
    if (Number.isNaN(this.peek(out))) this.undefinedAt(p, args, e.span);
    return out;
  }

  /** A domain's own errors (the reference's limits) know the op but not where it was called. */
  private apply(p: Primitive, args: readonly T[], span: Span): T {
    try {
      return this.domain.apply(p, args);
    } catch (err) {
      throw err instanceof EvalError && err.span === undefined ? new EvalError(err.code, err.message, span) : err;
    }
  }

  /** A NaN out of non-NaN arguments is a point outside the op's domain: say so, never return it. */
  private undefinedAt(p: Primitive, args: readonly T[], span: Span): void {
    const xs = args.map((a) => this.peek(a));
    if (xs.some(Number.isNaN)) return;
    const shown = xs.map((x) => String(Number(x.toPrecision(6))));
    const symbol = INFIX_SYMBOL[p.name];
    const at = symbol ? `${shown[0]} ${symbol} ${shown[1]}` : `${p.name}(${shown.join(', ')})`;
    throw new EvalError('domain', `${at} is not a real number`, span);
  }
}
