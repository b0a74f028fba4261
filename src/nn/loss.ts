// The loss of a network on a batch as a gradlab function: expressions over the parameters `w`
// with the batch `X`, `Y` as data, built once per architecture and batch size and lowered to one
// graph that every differentiator reuses at every step.
import * as ast from '../ast';
import type { Expr } from '../ast';
import { fromExpressions } from '../diff/built';
import type { Fn } from '../diff/fn';
import { layersOf, type Architecture } from './network';

const call = (op: string, ...args: Expr[]) => ast.call(op, args);
const leaf = (name: string, k: number) => ast.index(name, ast.num(k + 1));

/** f(w) = mean loss over `batch` samples, with data arrays X (batch × in) and Y (batch × out). */
export function lossFunction(arch: Architecture, batch: number): Fn {
  const layers = layersOf(arch);
  const P = layers.reduce((s, l) => s + l.inputs * l.outputs + l.outputs, 0);
  const [d, k] = [arch.sizes[0], arch.sizes[arch.sizes.length - 1]];
  const w = Array.from({ length: P }, (_, i) => leaf('w', i));
  const X = Array.from({ length: batch * d }, (_, i) => leaf('X', i));
  const Y = Array.from({ length: batch * k }, (_, i) => leaf('Y', i));
  const losses: Expr[] = [];
  for (let s = 0; s < batch; s++) {
    let a = X.slice(s * d, (s + 1) * d);
    let z: Expr[] = [];
    layers.forEach((l, li) => {
      // One dot product and one bias per unit: its halves are all weights and all inputs, so the
      // sweeps know which half carries derivatives without asking per element.
      z = Array.from({ length: l.outputs }, (_, j) => {
        const row = w.slice(l.weights + j * l.inputs, l.weights + (j + 1) * l.inputs);
        return call('add', call('dot', ...row, ...a), w[l.biases + j]);
      });
      const f = li === layers.length - 1 ? arch.output : arch.activation;
      a = f === 'linear' || f === 'softmax' ? z : z.map((zj) => call(f, zj));
    });
    const y = Y.slice(s * k, (s + 1) * k);
    losses.push(sampleLoss(arch, z, a, y));
  }
  const mean = call('multiply', ast.num(1 / batch), call('sum', ...losses));
  return fromExpressions([mean], [{ name: 'w', leaves: w }], [
    { name: 'X', leaves: X },
    { name: 'Y', leaves: Y },
  ]);
}

/** mse = ½ Σ (aⱼ − yⱼ)²; bce = softplus(z) − y·z; ce = logsumexp(z) − Σ yⱼzⱼ (see network.ts). */
function sampleLoss(arch: Architecture, z: Expr[], a: Expr[], y: Expr[]): Expr {
  switch (arch.loss) {
    case 'mse': {
      const r = a.map((aj, j) => call('subtract', aj, y[j]));
      return call('multiply', ast.num(0.5), call('dot', ...r, ...r));
    }
    case 'bce':
      return call('subtract', call('softplus', z[0]), call('multiply', y[0], z[0]));
    case 'ce':
      return call('subtract', call('logsumexp', ...z), call('dot', ...y, ...z));
  }
}
