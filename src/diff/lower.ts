// Lowering interned expressions to a graph: input leaves become input slots, data leaves become
// placeholders bound per call, and shared subexpressions become one node.
import type { Expr } from '../ast';
import { UnsupportedError } from '../errors';
import { primitive } from '../primitives';
import { topological } from './chain';
import { buildGraph, type Graph, type NodeSpec, type Ref } from './graph';

export function compileExprs(
  roots: readonly Expr[],
  leaves: readonly Expr[],
  data: readonly { readonly name: string; readonly leaves: readonly Expr[] }[] = [],
): Graph {
  const ref = new Map<Expr, Ref>(leaves.map((l, j) => [l, { node: j }]));
  for (const d of data) d.leaves.forEach((l, index) => ref.set(l, { data: d.name, index }));
  const nodes: NodeSpec[] = [];
  for (const e of topological(roots)) {
    if (ref.has(e)) continue;
    if (e.kind === 'number') ref.set(e, { value: e.value });
    else if (e.kind === 'constant') ref.set(e, { value: primitive(e.name).fn() });
    else if (e.kind === 'call') {
      nodes.push({ op: primitive(e.op), args: e.args.map((a) => ref.get(a)!) });
      ref.set(e, { node: leaves.length + nodes.length - 1 });
    } else throw new UnsupportedError(`cannot compile a ${e.kind} inside an expression graph`, e.span, e.kind);
  }
  return buildGraph(leaves.length, nodes, roots.map((r) => ref.get(r)!));
}
