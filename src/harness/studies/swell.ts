// swell: the size of symbolic derivatives against the size of the expression, as trees (a shared
// node counted at every use) and as DAGs (once), before and after simplification.
import * as ast from '../../ast';
import type { Expr } from '../../ast';
import { derive, gradientOf, sizes } from '../../diff/chain';
import { Builder, SymbolicDomain } from '../../diff/expr';
import { interpret } from '../../interpret/interpret';
import { lossFunction } from '../../nn/loss';
import { architecture } from '../../nn/network';
import { parse } from '../../parse/parse';
import { simplifyAll } from '../../symbolic/simplify';
import { breathe, type Progress } from '../measure';
import type { SwellRow } from '../types';
import { logisticMap, nestedSin, product } from '../workloads';

/** An expression on symbols and the leaves to differentiate it by. */
interface Symbolic {
  readonly S: SymbolicDomain;
  readonly root: Expr;
  readonly leaves: readonly Expr[];
}

export interface SwellFamily {
  readonly family: string;
  readonly build: (k: number) => Symbolic;
}

/** A program in x run on symbols: assignments substitute and loops unroll into one shared DAG. */
function fromSource(source: string): Symbolic {
  const S = new SymbolicDomain();
  const x = S.builder.leaf(ast.variable('x') as never);
  return { S, root: interpret(parse(source), S, { x }) as Expr, leaves: [x] };
}

/** The mean loss of a 2-k-1 tanh network on a batch of 4, with respect to all its parameters. */
function networkLoss(k: number): Symbolic {
  const built = lossFunction(architecture([2, k, 1], 'tanh', 'mse'), 4).built!;
  const S = new SymbolicDomain();
  return { S, root: S.builder.adopt(built.outputs[0]), leaves: built.leaves.map((l) => S.builder.adopt(l)) };
}

export const SWELL_FAMILIES: readonly SwellFamily[] = [
  { family: '(x+1)(x+2)…(x+k)', build: (k) => fromSource(product(k)) },
  { family: 'sin(sin(…x)), k deep', build: (k) => fromSource(nestedSin(k)) },
  { family: 'logistic map, k steps', build: (k) => fromSource(logisticMap(k)) },
  { family: 'network 2-k-1 loss (tanh, mse, batch 4)', build: networkLoss },
];

/** The derivative as the chain rule builds it: d/dx for one leaf, the whole gradient for many. */
function rawDerivative({ S, root, leaves }: Symbolic): Expr[] {
  return leaves.length === 1 ? [derive(S, root, leaves[0])] : gradientOf(S, root, leaves);
}

/** The derivatives simplified together as one DAG (as symbolic differentiation does), then
 *  interned together so that what they share is counted once. */
function simplified(roots: readonly Expr[]): { roots: Expr[]; complete: boolean } {
  const s = simplifyAll(roots);
  return { roots: new Builder().adoptAll(s.exprs), complete: s.complete };
}

export interface SwellOptions {
  /** The values of k to run, per family (by its name); families not listed are left out. */
  readonly sizes: Readonly<Record<string, readonly number[]>>;
  readonly families?: readonly SwellFamily[];
  readonly onProgress?: Progress;
}

export async function swellStudy(options: SwellOptions): Promise<SwellRow[]> {
  const families = (options.families ?? SWELL_FAMILIES).filter((f) => options.sizes[f.family]?.length);
  const total = families.reduce((s, f) => s + options.sizes[f.family].length, 0);
  const rows: SwellRow[] = [];
  for (const f of families) {
    for (const k of options.sizes[f.family]) {
      const e = f.build(k);
      const expression = sizes([e.root]);
      const raw = rawDerivative(e);
      const before = sizes(raw);
      const after = simplified(raw);
      const done = sizes(after.roots);
      rows.push({
        family: f.family,
        k,
        expressionNodes: expression.treeNodes,
        expressionDagNodes: expression.dagNodes,
        treeNodes: before.treeNodes,
        dagNodes: before.dagNodes,
        simplifiedTreeNodes: done.treeNodes,
        simplifiedDagNodes: done.dagNodes,
        simplifiedComplete: after.complete,
      });
      options.onProgress?.(rows.length, total);
      await breathe();
    }
  }
  return rows;
}
