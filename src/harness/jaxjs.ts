// jax-js (JAX in JavaScript: jit to WebAssembly, float64), the peer a JavaScript user would pick
// to train a network: loaded on demand when installed (an optional peer), never downloaded.
import type * as Jax from '@jax-js/jax';
import { Rng } from '../nn/rng';

export type JaxJs = typeof Jax;

export const JAX_MISSING = '@jax-js/jax not installed (an optional peer: npm install @jax-js/jax)';

let loading: Promise<JaxJs | string> | undefined;

/** jax-js on its wasm device, or why not (a sentence). */
export function loadJax(): Promise<JaxJs | string> {
  loading ??= (async () => {
    // jax-js tests `data instanceof Float16Array`, which Node 20 does not define; no array here is
    // float16, so a class nothing is an instance of answers that test as Node 22 would.
    const g = globalThis as { Float16Array?: unknown };
    g.Float16Array ??= class Float16Array {};
    let jax: JaxJs;
    try {
      jax = await import('@jax-js/jax');
    } catch {
      return JAX_MISSING;
    }
    const devices = await jax.init('wasm');
    if (!devices.includes('wasm')) return 'jax-js is installed but its wasm device did not start';
    jax.defaultDevice('wasm');
    return jax;
  })();
  return loading;
}

export const jaxNote = (): string => 'jax-js, jit(valueAndGrad) on its wasm device, float64';

/** One gradient step of the training study's network (ReLU hidden layers, softmax cross-entropy,
 *  the same sizes, batch and data), jit-compiled, the gradients read back to JavaScript. */
export function jaxTrainingStep(jax: JaxJs, sizes: readonly number[], batch: number, data: { x: Float64Array; y: Float64Array }): { step: () => void; dispose: () => void } {
  const { numpy: np, nn } = jax;
  // Copied: jax-js's types take only arrays over a plain ArrayBuffer (this runs once, at setup).
  const array = (v: Float64Array, shape: number[]) => np.array(new Float64Array(v), { dtype: np.float64 }).reshape(shape);
  const rng = new Rng(3);
  const params = sizes.slice(1).map((n, l) => ({
    W: array(Float64Array.from({ length: sizes[l] * n }, () => rng.normal() * Math.sqrt(2 / sizes[l])), [sizes[l], n]),
    b: array(new Float64Array(n), [n]),
  }));
  const X = array(data.x, [batch, sizes[0]]);
  const Y = array(data.y, [batch, sizes[sizes.length - 1]]);
  type Params = { W: Jax.Array; b: Jax.Array }[];
  // jax-js arrays are owned: each use of an argument but the last takes a `.ref`.
  const loss = (p: Params, x: Jax.Array, y: Jax.Array) => {
    let a = x;
    p.forEach(({ W, b }, l) => {
      const z = np.matmul(a, W).add(b);
      a = l === p.length - 1 ? z : nn.relu(z);
    });
    return nn.logsumexp(a.ref, -1).sub(np.sum(y.mul(a), -1)).mean();
  };
  const grad = jax.jit(jax.valueAndGrad(loss));
  const step = () => {
    const [value, g] = grad(params.map((q) => ({ W: q.W.ref, b: q.b.ref })), X.ref, Y.ref) as unknown as [Jax.Array, Params];
    value.dataSync();
    for (const q of g) {
      q.W.dataSync();
      q.b.dataSync();
    }
  };
  return {
    step,
    dispose: () => {
      for (const q of params) q.W.dispose(), q.b.dispose();
      X.dispose();
      Y.dispose();
      grad.dispose();
    },
  };
}
