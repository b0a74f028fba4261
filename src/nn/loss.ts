// The loss of a network on a batch as a gradlab function of the parameters `w`, with the batch
// `X`, `Y` as data (Fn.data): a program with loops, which the compiler turns into JavaScript like
// any other, and the same loss as expressions of `dot` nodes, which the symbolic method derives.
import * as ast from '../ast';
import type { Expr } from '../ast';
import { fromExpressions } from '../diff/built';
import type { Fn } from '../diff/fn';
import { parse } from '../parse/parse';
import { layersOf, type Architecture } from './network';

/**
 * The mean loss over `batch` samples as gradlab source: per sample, per layer, per unit a loop
 * z = z + w[…]·a[…] over the inputs (a dot product the compiler differentiates without saving z
 * per trip), then the bias and the activation; X is batch × in and Y batch × out, row-major, and
 * w holds each layer's W (out × in, row-major) then b. Every sum is taken in the order of the
 * expression form's `dot` and `sum` (from 0, in argument order), so both give the same loss.
 */
export function lossSource(arch: Architecture, batch: number): string {
  const layers = layersOf(arch);
  const [d, k] = [arch.sizes[0], arch.sizes[arch.sizes.length - 1]];
  const last = layers.length;
  const out = `a${last}`;
  const lines = [
    `# mean ${arch.loss} loss of a ${arch.sizes.join('-')} ${arch.activation} network (${arch.output} output) over a batch of ${batch}`,
    'total = 0',
    // Each layer's activations are one vector for the whole batch, every entry written anew per
    // sample: the sweeps save and restore entries, never allocate a vector per sample.
    ...layers.map((l, li) => `a${li + 1} = [${new Array<number>(l.outputs).fill(0).join(', ')}]`),
    `for s = 1:${batch} {`,
  ];
  layers.forEach((l, li) => {
    const input = li === 0 ? `X[(s - 1) * ${d} + i]` : `a${li}[i]`;
    const f = li === last - 1 ? arch.output : arch.activation;
    // bce and ce read the output layer's logits z; mse its activations.
    const keepsLogits = li === last - 1 && arch.loss !== 'mse';
    const unit = `z + w[${l.biases} + j]`;
    const value = keepsLogits || f === 'linear' || f === 'softmax' ? unit : `${f}(${unit})`;
    lines.push(
      `  for j = 1:${l.outputs} {`,
      '    z = 0',
      `    for i = 1:${l.inputs} {`,
      `      z = z + w[${l.weights} + (j - 1) * ${l.inputs} + i] * ${input}`,
      '    }',
      `    a${li + 1}[j] = ${value}`,
      '  }',
    );
  });
  const y = `Y[(s - 1) * ${k} + j]`;
  switch (arch.loss) {
    case 'mse':
      lines.push('  q = 0', `  for j = 1:${k} {`, `    q = q + (${out}[j] - ${y}) * (${out}[j] - ${y})`, '  }', '  total = total + 0.5 * q');
      break;
    case 'bce':
      lines.push(`  total = total + (softplus(${out}[1]) - Y[s] * ${out}[1])`);
      break;
    case 'ce':
      lines.push('  yz = 0', `  for j = 1:${k} {`, `    yz = yz + ${y} * ${out}[j]`, '  }', `  total = total + (logsumexp(${out}) - yz)`);
      break;
  }
  lines.push('}', `return ${1 / batch} * total`);
  return lines.join('\n');
}

/** The loss program over w, its batch bound by name: set `fn.data` X and Y before each call. */
export function lossProgram(arch: Architecture, batch: number): Fn {
  const [d, k] = [arch.sizes[0], arch.sizes[arch.sizes.length - 1]];
  const data = new Map([
    ['X', new Float64Array(batch * d)],
    ['Y', new Float64Array(batch * k)],
  ]);
  return { kind: 'fn', program: parse(lossSource(arch, batch)), inputs: ['w'], cache: new Map(), data };
}

/** Loop trips of one run of the loss program (its iteration budget). */
export function lossIterations(arch: Architecture, batch: number): number {
  const k = arch.sizes[arch.sizes.length - 1];
  return batch * (1 + layersOf(arch).reduce((s, l) => s + l.outputs * (1 + l.inputs), 0) + k);
}

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
