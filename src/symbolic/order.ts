// The canonical order of terms in a sum and factors in a product, and the structural facts it
// reads (hash, degree, tree size), each computed once per node from its children's.
//
// Sums read highest degree first with the constant last (6x + 6, x^2 - 1); products put bases in
// order (numbers, constants, variables, functions, powers, products, sums), smaller before larger,
// x before y. Ties go to a lexicographic walk of the two trees that stops after WALK nodes and then
// compares hashes: the order is total, depends only on structure (so output never depends on which
// node was built first), and costs O(WALK) however large the trees are.
import { num, type Expr } from '../ast';
import { childrenOf, postOrder } from './dag';
import { ADD, baseOf, exponentOf, factorsOf, MUL, numOf, POW } from './forms';
import * as N from './numbers';

interface Facts {
  readonly h1: number;
  readonly h2: number;
  readonly degree: number;
  readonly size: number;
}

const WALK = 24;

/** Facts depend only on structure, so one table serves every Dag; it forgets dropped nodes. */
const FACTS = new WeakMap<Expr, Facts>();

function label(e: Expr): string {
  const n = numOf(e);
  if (n !== null) return `#${N.value(n)}`;
  switch (e.kind) {
    case 'number':
      return `#${e.value}`;
    case 'constant':
    case 'variable':
    case 'index':
      return `${e.kind}:${e.name}`;
    case 'call':
      return `${e.op}/${e.args.length}`;
    case 'vector':
      return `[${e.items.length}`;
    case 'length':
      return 'length';
  }
}

function mix(h: number, text: string, prime: number): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), prime);
  return h >>> 0;
}

function degreeOf(e: Expr, kids: readonly Facts[]): number {
  if (numOf(e) !== null) return 0;
  switch (e.kind) {
    case 'variable':
    case 'index':
    case 'length':
      return 1;
    case 'call': {
      if (e.op === ADD) return kids.reduce((max, k) => Math.max(max, k.degree), -Infinity);
      if (e.op === MUL) return kids.reduce((sum, k) => sum + k.degree, 0);
      const exponent = e.op === POW ? numOf(e.args[1]) : null;
      return exponent === null ? 0 : kids[0].degree * N.value(exponent);
    }
    default:
      return 0;
  }
}

export function factsOf(e: Expr): Facts {
  const known = FACTS.get(e);
  if (known) return known;
  // Nodes are built children first, so their facts are usually there already.
  if (childrenOf(e).every((k) => FACTS.has(k))) return computeFacts(e);
  postOrder(e, (n) => childrenOf(n).filter((k) => !FACTS.has(k)), computeFacts);
  return FACTS.get(e)!;
}

function computeFacts(e: Expr): Facts {
  const kids = childrenOf(e).map((k) => FACTS.get(k)!);
  const text = label(e);
  let h1 = mix(0x811c9dc5, text, 0x01000193);
  let h2 = mix(0x9747b28c, text, 0x5bd1e995);
  for (const k of kids) {
    h1 = mix(h1, `,${k.h1}`, 0x01000193);
    h2 = mix(h2, `,${k.h2}`, 0x5bd1e995);
  }
  // A rational literal is one node to the walk, so it counts as one here.
  const size = numOf(e) !== null ? 1 : kids.reduce((sum, k) => sum + k.size, 1);
  const facts = { h1, h2, degree: degreeOf(e, kids), size };
  FACTS.set(e, facts);
  return facts;
}

/** Kinds in the order their factors print: numbers, constants, variables, functions, powers, products, sums. */
function rank(e: Expr): number {
  if (numOf(e) !== null) return 0;
  switch (e.kind) {
    case 'number':
      return 0;
    case 'constant':
      return 1;
    case 'variable':
    case 'index':
      return 2;
    case 'length':
    case 'vector':
      return 3;
    case 'call':
      return e.op === POW ? 5 : e.op === MUL ? 6 : e.op === ADD ? 7 : 4;
  }
}

/** Lexicographic over the two preorder walks, giving up (0) after `budget.left` nodes. */
function walk(a: Expr, b: Expr, budget: { left: number }): number {
  if (a === b) {
    budget.left -= factsOf(a).size;
    return 0;
  }
  if (--budget.left < 0) return 0;
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  const na = numOf(a);
  const nb = numOf(b);
  if (na !== null && nb !== null) return Math.sign(N.value(na) - N.value(nb));
  const la = label(a);
  const lb = label(b);
  if (la !== lb) return la < lb ? -1 : 1;
  const ka = childrenOf(a);
  const kb = childrenOf(b);
  for (let i = 0; i < ka.length && budget.left >= 0; i++) {
    const c = walk(ka[i], kb[i], budget);
    if (c !== 0) return c;
  }
  return 0;
}

/** A total order on expressions by structure: kind, then smaller trees first, then the walk. */
export function compareNodes(a: Expr, b: Expr): number {
  if (a === b) return 0;
  const fa = factsOf(a);
  const fb = factsOf(b);
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  // Sizes may both be Infinity (trees of shared DAGs): compared, never subtracted.
  if (fa.size !== fb.size) return fa.size < fb.size ? -1 : 1;
  return walk(a, b, { left: WALK }) || fa.h1 - fb.h1 || fa.h2 - fb.h2;
}

const UNIT = num(1);

/** Factors of a product: by base, then higher exponent first. */
export function compareFactors(f: Expr, g: Expr): number {
  return compareNodes(baseOf(f), baseOf(g)) || compareNodes(exponentOf(g) ?? UNIT, exponentOf(f) ?? UNIT);
}

/** Terms of a sum: higher degree first, the constant last, then monomials factor by factor. */
export function compareTerms(a: Expr, b: Expr): number {
  const byDegree = factsOf(b).degree - factsOf(a).degree;
  if (byDegree !== 0) return Math.sign(byDegree);
  const constA = numOf(a) !== null;
  if (constA !== (numOf(b) !== null)) return constA ? 1 : -1;
  const fa = factorsOf(a);
  const fb = factorsOf(b);
  for (let i = 0; i < Math.min(fa.length, fb.length); i++) {
    const c = compareFactors(fa[i], fb[i]);
    if (c !== 0) return c;
  }
  return fa.length - fb.length || compareNodes(a, b);
}
