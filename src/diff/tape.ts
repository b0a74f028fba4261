// The reverse-mode tape: operations recorded while the program runs (loops and branches
// included), then swept backwards once to give the whole gradient.
import { algebraOf, type Domain } from '../interpret/domain';
import { partials, type Primitive } from '../primitives';

/** A value on the tape: its primal and its entry, or id -1 for a constant. */
export class TapeVar<T> {
  constructor(
    readonly v: T,
    readonly id: number,
  ) {}
}

export interface Entry<T> {
  readonly op: Primitive;
  /** Tape ids of the arguments, -1 for constants. */
  readonly ids: readonly number[];
  readonly args: readonly T[];
  readonly out: T;
}

export class Tape<T> {
  readonly entries: Entry<T>[] = [];
  /** Set when a branch, loop bound or index read an input-dependent value: the recorded path
   *  then holds only near this point, and the tape cannot be replayed elsewhere. */
  dependsOnBranch = false;

  constructor(
    readonly inner: Domain<T>,
    /** Number of input variables, which take ids 0 … n-1 and have no entry. */
    readonly n: number,
  ) {}

  variable(j: number, v: T): TapeVar<T> {
    return new TapeVar(v, j);
  }

  get length(): number {
    return this.entries.length;
  }

  /** Bytes the entries hold: op reference, ids, argument and output values (8 bytes a number). */
  get bytes(): number {
    let b = 0;
    for (const e of this.entries) b += 8 + e.ids.length * 12 + 8;
    return b;
  }

  domain(): Domain<TapeVar<T>> {
    const inner = this.inner;
    return {
      name: `tape(${inner.name})`,
      constant: (value) => new TapeVar(inner.constant(value), -1),
      primal: (x, site) => {
        if (x.id >= 0) this.dependsOnBranch = true;
        return inner.primal(x.v, site);
      },
      peek: (x) => (inner.peek ? inner.peek(x.v) : inner.primal(x.v)),
      apply: (op, xs) => {
        const args = xs.map((x) => x.v);
        const out = inner.apply(op, args);
        const ids = xs.map((x) => x.id);
        if (ids.every((id) => id < 0)) return new TapeVar(out, -1);
        this.entries.push({ op, ids, args, out });
        return new TapeVar(out, this.n + this.entries.length - 1);
      },
    };
  }

  /** Sweeps back from `seeds` (tape id → cotangent); returns the adjoints of the n inputs. */
  backward(seeds: ReadonlyMap<number, T>): T[] {
    const A = algebraOf(this.inner);
    const adj: (T | undefined)[] = new Array(this.n + this.entries.length);
    for (const [id, s] of seeds) adj[id] = adj[id] === undefined ? s : A.add(adj[id]!, s);
    for (let k = this.entries.length - 1; k >= 0; k--) {
      const g = adj[this.n + k];
      if (g === undefined) continue;
      const { op, ids, args, out } = this.entries[k];
      const d = partials(op, A, args, out, (i) => ids[i] >= 0);
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        if (id < 0) continue;
        const contribution = A.mul(g, d[i]!);
        adj[id] = adj[id] === undefined ? contribution : A.add(adj[id]!, contribution);
      }
    }
    const zero = this.inner.constant(0);
    return Array.from({ length: this.n }, (_, j) => adj[j] ?? zero);
  }
}
