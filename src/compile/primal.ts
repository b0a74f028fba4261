// The primal as JavaScript: statements as statements, loops and branches as JavaScript loops and
// branches, vectors as Float64Arrays; wherever the interpreter raises an error the code throws
// BAIL, and the caller reruns the interpreter to name it (a NaN is tested where it could be lost
// and at the result, not at every statement: nan.ts).
import type { Program, Stmt } from '../ast';
import { dataBinding, inputBinding, withFinalReturn, type Kind } from './analyze';
import { BAIL, Flattener } from './flatten';
import { nanPlan } from './nan';
import { coverHead, coverLines, coverOk, coverPlan } from './cover';
import { fresh, ifLines, indent, Names, whileLines } from './emit';

/** (x, off, len, B, V): the flat point, each input's offset and length, the iteration budget, and
 *  where to say whether the code found every element of the point finite (cover.ts). */
export type PrimalCode = (x: Float64Array, off: Int32Array, len: Int32Array, budget: number, V: { ok: boolean }) => number | Float64Array;

/** Source of the primal for inputs `inputs` (in layout order) of the given kinds. */
export function primalSource(program: Program, inputs: readonly string[], kinds: ReadonlyMap<string, Kind>, data: readonly string[] = []): string {
  const body = withFinalReturn(program);
  const cover = coverPlan(body, inputs, kinds);
  const names = new Names(kinds, nanPlan(body, kinds), cover);
  const gen = new Primal(names);
  const defined = new Set([...inputs, ...data]);
  const head = [...inputs.map((name, i) => `${names.js(name)} = ${inputBinding(program, name, kinds.get(name), i)};`), ...data.map((name) => `${names.js(name)} = ${dataBinding(program, name)};`)];
  const lines = [
    'return function primal(x, off, len, B, V) {',
    'let it = 0;',
    ...coverHead(cover),
    names.all().length ? `let ${names.all().join(', ')};` : '',
    ...head,
    ...gen.block(body, defined),
    // No `return` ran: the program computes no result.
    BAIL,
    '};',
  ];
  return indent(lines.filter((l) => l !== ''));
}

class Primal {
  constructor(private readonly names: Names) {}

  block(body: readonly Stmt[], defined: Set<string>): string[] {
    return body.flatMap((s) => this.stmt(s, defined));
  }

  private flat(defined: ReadonlySet<string>): Flattener {
    return new Flattener(this.names.scope(defined), true, fresh());
  }

  private stmt(s: Stmt, defined: Set<string>): string[] {
    const js = (n: string) => this.names.js(n);
    switch (s.kind) {
      case 'assign': {
        const f = this.flat(defined);
        const n = f.node(s.value);
        let set: string;
        if (n.t === 'vec') set = `${js(s.name)} = ${n.val}.slice();`;
        else if (n.t === 'lit') {
          n.items.forEach((i) => f.checkNaN(i));
          set = `${js(s.name)} = Float64Array.of(${n.items.map((i) => i.val).join(', ')});`;
        } else {
          if (!this.names.nan.untested.has(s)) f.checkNaN(n);
          set = `${js(s.name)} = ${n.val};`;
        }
        defined.add(s.name);
        return ['{', ...f.lines, set, '}'];
      }
      case 'assignIndex': {
        const f = this.flat(defined);
        const target = f.node({ kind: 'index', name: s.name, index: s.index, span: s.span });
        const v = f.scalar(s.value);
        f.checkNaN(v);
        const set = target.t === 'index' ? `${js(s.name)}[${target.slot}] = ${v.val};` : '';
        return ['{', ...f.lines, set, '}'];
      }
      case 'while':
        return whileLines(s.cond, this.names.scope(defined), this.block(s.body, new Set(defined)));
      case 'if':
        return ifLines(s.cond, this.names.scope(defined), defined, (body, d) => this.block(body, d), s.then, s.else ?? []);
      case 'for': {
        const f = this.flat(defined);
        const lo = f.scalar(s.from);
        const hi = f.scalar(s.to);
        f.checkNaN(lo);
        f.checkNaN(hi);
        const inner = new Set(defined).add(s.name);
        return [
          '{',
          ...f.lines,
          `const lo = ${lo.val}, hi = ${hi.val};`,
          `if (!Number.isFinite(lo) || !Number.isFinite(hi)) ${BAIL}`,
          ...coverLines(this.names.cover, s),
          ...this.names.forLoop(s, defined, () => ['for (let i = lo; i <= hi; i++) {', `if (++it > B) ${BAIL}`, `${js(s.name)} = i;`, ...this.block(s.body, new Set(inner)), '}']),
          '}',
        ];
      }
      case 'return': {
        const f = this.flat(defined);
        const value = f.result(s.value);
        // Worked out and stored on every call (every caller passes V): a test run only for some
        // callers leaves V8 no type feedback for it, and the optimized primal deoptimizes there
        // again and again.
        const ok = this.names.cover ? [`V.ok = ${coverOk(this.names.cover)};`] : [];
        return ['{', ...f.lines, ...ok, `return ${value};`, '}'];
      }
      case 'expr':
        return this.flat(defined).statement(s.value);
    }
  }
}
