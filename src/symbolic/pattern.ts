// Rewrite rules written in the gradlab language, compiled once into canonical patterns, matched
// modulo commutativity (the terms of `A + B` may be any two terms of a sum; the others stay) and
// applied to every node the kernel builds.
import type { Expr } from '../ast';
import { parseExpression } from '../parse/parse';
import { Canon } from './canon';
import { childrenOf } from './dag';
import { ADD, coefficientOf, factorsOf, isCall, MUL, numOf, type Call } from './forms';
import { toCanonical } from './normalize';
import * as N from './numbers';

/** What a pattern's variables matched, by name. */
export type Bindings = ReadonlyMap<string, Expr>;

export interface Rule {
  readonly name: string;
  /** A pattern: `a`–`d` match any subexpression, `n` and `m` only a number. */
  readonly from: string;
  readonly to: string;
  /** A condition on the match, for identities that hold only for some matches. */
  readonly where?: (m: Bindings) => boolean;
}

interface Compiled {
  readonly rule: Rule;
  readonly from: Call;
  readonly to: Expr;
}

/** Compiled rules by the op at the root of their pattern. */
export type RuleIndex = ReadonlyMap<string, readonly Compiled[]>;

const NUMERIC = new Set(['n', 'm']);
const VARIABLES = new Set(['a', 'b', 'c', 'd', ...NUMERIC]);
const EMPTY: Bindings = new Map();
/** Rewrites nested deeper than this (a rule's result feeding a rule ...) are left undone. */
const MAX_NESTING = 64;

/** The name of a pattern variable, or null for any other node. */
const variableName = (e: Expr): string | null => (e.kind === 'variable' && VARIABLES.has(e.name) ? e.name : null);
const isVariable = (e: Expr): boolean => variableName(e) !== null;

function variablesIn(e: Expr, into = new Set<string>()): Set<string> {
  const name = variableName(e);
  if (name !== null) into.add(name);
  for (const k of childrenOf(e)) variablesIn(k, into);
  return into;
}

/** Parses and canonicalises each rule once, checking what the matcher relies on. */
export function compile(rules: readonly Rule[]): RuleIndex {
  const canon = new Canon();
  const index = new Map<string, Compiled[]>();
  for (const rule of rules) {
    const from = toCanonical(parseExpression(rule.from), canon);
    const to = toCanonical(parseExpression(rule.to), canon);
    if (!isCall(from)) throw new Error(`rule '${rule.name}': the pattern must be a call, got '${rule.from}'`);
    const unbound = [...variablesIn(to)].filter((v) => !variablesIn(from).has(v));
    if (unbound.length > 0) throw new Error(`rule '${rule.name}': '${unbound.join("', '")}' in the result is not in the pattern`);
    checkRestVariables(rule, from);
    index.set(from.op, [...(index.get(from.op) ?? []), { rule, from, to }]);
  }
  return index;
}

/** A sum or product pattern may have one bare variable, which takes the operands left over. */
function checkRestVariables(rule: Rule, e: Expr): void {
  if ((isCall(e, ADD) || isCall(e, MUL)) && e.args.filter(isVariable).length > 1) {
    throw new Error(`rule '${rule.name}': a sum or product in a pattern may have only one bare variable`);
  }
  for (const k of childrenOf(e)) checkRestVariables(rule, k);
}

type Done = (m: Bindings, rest: readonly Expr[]) => boolean;

/** A check at the root, free of budget, that lets a product's 1,400 factors be skipped fast: a
 *  call matches only a call of its op (a sum or product pattern also a lone operand). */
function mayMatch(p: Expr, s: Expr): boolean {
  if (variableName(p) !== null) return true;
  if (numOf(p) !== null) return numOf(s) !== null;
  if (p.kind === 'call') return p.op === ADD || p.op === MUL || (s.kind === 'call' && s.op === p.op && s.args.length === p.args.length);
  return s.kind === p.kind;
}

/** Applies the first rule that matches a node; memoised per node, budgeted, bounded in nesting. */
export class Rewriter {
  /** Set when a rewrite was left undone for nesting too deep. */
  cutShort = false;
  private readonly memo = new Map<Expr, Expr>();
  private readonly active = new Set<Expr>();
  private nesting = 0;

  constructor(
    private readonly canon: Canon,
    private readonly rules: RuleIndex,
  ) {}

  rewrite(node: Expr): Expr {
    const rules = node.kind === 'call' ? this.rules.get(node.op) : undefined;
    if (rules === undefined || node.kind !== 'call') return node;
    const known = this.memo.get(node);
    if (known !== undefined) return known;
    // A rule whose result rebuilds the node it started from has nothing more to say about it.
    if (this.active.has(node) || this.canon.budget.exhausted) return node;
    if (this.nesting >= MAX_NESTING) {
      this.cutShort = true;
      return node;
    }
    this.active.add(node);
    this.nesting++;
    let out: Expr = node;
    for (const c of rules) {
      const result = this.apply(c, node);
      if (result !== null) {
        out = result;
        break;
      }
    }
    this.active.delete(node);
    this.nesting--;
    if (!this.canon.budget.exhausted) this.memo.set(node, out);
    return out;
  }

  private apply({ rule, from, to }: Compiled, node: Call): Expr | null {
    const found: { m?: Bindings; rest?: readonly Expr[] } = {};
    const accept: Done = (m, rest) => {
      if (rule.where && !rule.where(m)) return false;
      found.m = m;
      found.rest = rest;
      return true;
    };
    const matched = isCall(from, ADD) || isCall(from, MUL) ? this.commutative(from, node, EMPTY, true, accept) : this.match(from, node, EMPTY, (m) => accept(m, []));
    if (!matched || !found.m || !found.rest) return null;
    const result = this.instantiate(to, found.m);
    return found.rest.length === 0 ? result : this.canon.build(node.op, [result, ...found.rest]);
  }

  private match(p: Expr, s: Expr, m: Bindings, k: (m: Bindings) => boolean): boolean {
    this.canon.budget.spend();
    if (this.canon.budget.exhausted) return false;
    const name = variableName(p);
    if (name !== null) return this.bind(name, s, m, k);
    const pn = numOf(p);
    if (pn !== null) {
      const sn = numOf(s);
      return sn !== null && N.equals(pn, sn) && k(m);
    }
    switch (p.kind) {
      case 'constant':
      case 'variable':
        return (s.kind === 'constant' || s.kind === 'variable') && s.kind === p.kind && s.name === p.name && k(m);
      case 'call':
        if (p.op === ADD || p.op === MUL) return this.commutative(p, s, m, false, (m2) => k(m2));
        return isCall(s, p.op) && s.args.length === p.args.length && this.each(p.args, s.args, 0, m, k);
      default:
        return false;
    }
  }

  private bind(name: string, s: Expr, m: Bindings, k: (m: Bindings) => boolean): boolean {
    if (NUMERIC.has(name) && numOf(s) === null) return false;
    const bound = m.get(name);
    if (bound !== undefined) return bound === s && k(m);
    return k(new Map(m).set(name, s));
  }

  private each(ps: readonly Expr[], ss: readonly Expr[], i: number, m: Bindings, k: (m: Bindings) => boolean): boolean {
    if (i === ps.length) return k(m);
    return this.match(ps[i], ss[i], m, (m2) => this.each(ps, ss, i + 1, m2, k));
  }

  /**
   * A sum or product pattern against the operands of `s` (or `s` alone, as a one-term sum or
   * one-factor product): each non-variable operand of the pattern takes a different operand of
   * `s`; a bare variable takes all the rest, 0 or 1 if none; and at the top of a rule, operands
   * left over without a bare variable stay beside the result. A product's coefficient is split
   * off first: what the pattern's own coefficient does not account for goes with the rest.
   */
  private commutative(p: Call, s: Expr, m: Bindings, top: boolean, done: Done): boolean {
    const product = p.op === MUL;
    if (top && !isCall(s, p.op)) return false;
    const subject = product ? factorsOf(s) : isCall(s, ADD) ? s.args : [s];
    const patterns = product ? factorsOf(p) : p.args;
    const ratio = product ? N.div(coefficientOf(s), coefficientOf(p))! : N.ONE;
    const restVariable = patterns.find(isVariable);
    const fixed = patterns.filter((q) => q !== restVariable);
    if (fixed.length > subject.length || (!top && !restVariable && fixed.length !== subject.length)) return false;
    const used = subject.map(() => false);
    return this.injective(fixed, 0, subject, used, m, (m2) => {
      let left = subject.filter((_, j) => !used[j]);
      // A bare variable the rest of the pattern has bound is one operand, the others stay beside:
      // a·sqrt(a)^n in 2x·y·sqrt(x)^-3.
      const bound = restVariable && top ? m2.get(variableName(restVariable)!) : undefined;
      const whole = () => (product ? this.canon.product([this.canon.number(ratio), ...left]) : this.canon.sum(left));
      if (bound !== undefined && whole() !== bound) {
        const at = left.indexOf(bound);
        if (at < 0) return false;
        left = left.filter((_, j) => j !== at);
        return N.isOne(ratio) ? done(m2, left) : done(m2, [this.canon.number(ratio), ...left]);
      }
      if (restVariable) return this.bind(variableName(restVariable)!, whole(), m2, (m3) => done(m3, []));
      if (N.isOne(ratio)) return done(m2, left);
      return top && done(m2, [this.canon.number(ratio), ...left]);
    });
  }

  /** Tries every assignment of distinct subject operands to the patterns from `i` on. */
  private injective(patterns: readonly Expr[], i: number, subject: readonly Expr[], used: boolean[], m: Bindings, k: (m: Bindings) => boolean): boolean {
    if (i === patterns.length) return k(m);
    for (let j = 0; j < subject.length; j++) {
      if (used[j] || !mayMatch(patterns[i], subject[j])) continue;
      used[j] = true;
      const ok = this.match(patterns[i], subject[j], m, (m2) => this.injective(patterns, i + 1, subject, used, m2, k));
      used[j] = false;
      if (ok) return true;
    }
    return false;
  }

  private instantiate(t: Expr, m: Bindings): Expr {
    const name = variableName(t);
    if (name !== null) return m.get(name)!;
    const n = numOf(t);
    if (n !== null) return this.canon.number(n);
    switch (t.kind) {
      case 'call':
        return this.canon.build(t.op, t.args.map((a) => this.instantiate(a, m)));
      case 'constant':
        return this.canon.dag.constant(t.name);
      case 'variable':
        return this.canon.dag.variable(t.name);
      default:
        throw new Error(`a rule's result may not contain a ${t.kind}`);
    }
  }
}
