// Simplification that keeps a DAG's sharing: the DAG cut into regions, one per shared node (a node
// with several users, or a root) holding what only it uses. Each region is simplified once, with
// the shared nodes under it standing as opaque symbols, then the symbols are put back as shared
// objects: what the input shared stays shared, and the work is linear in the DAG however many
// roots read one prefix (the n partials of max(v) all read one running maximum).
import { NO_SPAN, type Expr } from '../ast';
import { childrenOf, Dag, postOrder } from './dag';
import { numOf } from './forms';
import * as N from './numbers';

/** Opaque symbols are calls of no arguments under ops no program can name. */
const MARK = '\u0000shared';

const isSymbol = (e: Expr): boolean => e.kind === 'call' && e.args.length === 0 && e.op.startsWith(MARK);

/** `e` with its children replaced by `kids`, as a new node without a span. */
function rebuild(e: Expr, kids: readonly Expr[]): Expr {
  switch (e.kind) {
    case 'call':
      return { kind: 'call', op: e.op, args: kids, span: NO_SPAN };
    case 'vector':
      return { kind: 'vector', items: kids, span: NO_SPAN };
    case 'index':
      return { kind: 'index', name: e.name, index: kids[0], span: NO_SPAN };
    case 'length':
      return { kind: 'length', arg: kids[0], span: NO_SPAN };
    default:
      return e;
  }
}

/** Symbols made so far, in this process: each name is unique, so tables nest. */
let made = 0;

/** Opaque symbols and what each stands for; `expand` puts them back, each as one shared object. */
class Symbols {
  private readonly meaning = new Map<string, Expr>();
  private readonly copies = new Map<Expr, Expr>();

  /** A new symbol; what it stands for is given now or later, before `expand` meets it. */
  make(meaning?: Expr): Expr {
    const op = `${MARK}${made++}`;
    if (meaning) this.meaning.set(op, meaning);
    return { kind: 'call', op, args: [], span: NO_SPAN };
  }

  define(symbol: Expr, meaning: Expr): void {
    this.meaning.set((symbol as { op: string }).op, meaning);
  }

  expand(root: Expr): Expr {
    const { copies } = this;
    postOrder(
      root,
      (e) => (copies.has(e) || isSymbol(e) ? [] : childrenOf(e)),
      (e) => {
        if (copies.has(e)) return;
        // Symbols of another table (regions inside regions) are left for it to expand.
        if (isSymbol(e)) copies.set(e, this.meaning.get((e as { op: string }).op) ?? e);
        else {
          const kids = childrenOf(e);
          const out = kids.map((k) => copies.get(k)!);
          copies.set(e, out.every((k, i) => k === kids[i]) ? e : rebuild(e, out));
        }
      },
    );
    return copies.get(root)!;
  }
}

/**
 * `f` applied to `roots` with the nodes `opaque` picks each stood for by a symbol (one per
 * distinct number, one per object otherwise), and the symbols put back in its result: what `f`
 * rewrites then cannot reach into those nodes (a decimal 3.7 kept as written, not 37/10).
 */
export function withSymbols(roots: readonly Expr[], opaque: (e: Expr) => boolean, f: (roots: Expr[]) => Expr[]): Expr[] {
  const symbols = new Symbols();
  const byNumber = new Map<string, Expr>();
  const done = new Map<Expr, Expr>();
  const carrier: Expr = { kind: 'vector', items: roots, span: NO_SPAN };
  postOrder<Expr>(carrier, (e) => (opaque(e) ? [] : childrenOf(e)), (e) => {
    if (!opaque(e)) {
      const kids = childrenOf(e);
      const out = kids.map((k) => done.get(k)!);
      done.set(e, out.every((k, i) => k === kids[i]) ? e : rebuild(e, out));
    } else if (e.kind === 'number') {
      const key = Object.is(e.value, -0) ? '-0' : String(e.value);
      if (!byNumber.has(key)) byNumber.set(key, symbols.make(e));
      done.set(e, byNumber.get(key)!);
    } else done.set(e, symbols.make(e));
  });
  const inner = childrenOf(done.get(carrier)!);
  return f([...inner]).map((r) => symbols.expand(r));
}

/**
 * Each of `roots` simplified region by region: `simplifyRegions` gets every region at once (one
 * pass of the simplifier over all of them, whose shared leaves and symbols it interns once) and
 * must keep the value of each, opaque symbols included. A region that simplifies to a zero is put
 * back into its users as written, since the sign of a zero may decide a user's value (1/(x·0) at
 * x < 0 is -Infinity) and its users were simplified without looking inside it.
 */
export function byRegions(roots: readonly Expr[], simplifyRegions: (locals: readonly Expr[]) => readonly Expr[]): Expr[] {
  const carrier = new Dag().intern({ kind: 'vector', items: roots, span: NO_SPAN });
  const interned = childrenOf(carrier);
  const users = new Map<Expr, number>();
  postOrder(carrier, childrenOf, (e) => {
    for (const k of childrenOf(e)) users.set(k, (users.get(k) ?? 0) + 1);
  });
  const isRoot = new Set(interned);
  const symbols = new Symbols();
  /** What a user of each node reads in its place: the node's own region as written, or a symbol. */
  const use = new Map<Expr, Expr>();
  /** The regions children first: the shared node, its symbol, and the region as written. */
  const regions: { node: Expr; symbol: Expr; local: Expr }[] = [];
  postOrder(carrier, childrenOf, (e) => {
    if (e === carrier) return;
    const kids = childrenOf(e);
    const local = kids.length === 0 ? e : rebuild(e, kids.map((k) => use.get(k)!));
    if (kids.length === 0 || (!isRoot.has(e) && (users.get(e) ?? 0) <= 1)) {
      use.set(e, local);
      return;
    }
    const symbol = symbols.make();
    regions.push({ node: e, symbol, local });
    use.set(e, symbol);
  });
  const simplified = simplifyRegions(regions.map((r) => r.local));
  const final = new Map<Expr, Expr>();
  regions.forEach(({ node, symbol, local }, i) => {
    const s = simplified[i];
    // A number prints as itself or negated (-0, -3): either way a literal.
    const n = numOf(s.kind === 'call' && s.op === 'unaryMinus' ? s.args[0] : s);
    const expanded = symbols.expand(s);
    final.set(node, expanded);
    symbols.define(symbol, n !== null && N.value(n) === 0 ? symbols.expand(local) : expanded);
  });
  return interned.map((r) => final.get(r) ?? use.get(r)!);
}
