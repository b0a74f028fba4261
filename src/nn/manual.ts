// Backprop derived by hand: the textbook delta rule on typed arrays, the speed reference that
// every differentiator's training step is measured against.
import { forwardPass, layersOf, meanLoss, slopeOf, type Activation, type Architecture } from './network';

/**
 * Writes ∂L/∂θ into `grad` and returns L, the mean loss over a batch of n samples.
 * Output δ = a − y for sigmoid + bce and softmax + ce, (a − y) ⊙ f′(z) for mse;
 * hidden δₗ = (Wₗ₊₁ᵀ δₗ₊₁) ⊙ f′(zₗ); ∂L/∂Wₗ = mean over samples of δₗ aₗ₋₁ᵀ, ∂L/∂bₗ = mean of δₗ.
 */
export function manualGradient(arch: Architecture, params: Float64Array, x: Float64Array, y: Float64Array, n: number, grad: Float64Array): number {
  const layers = layersOf(arch);
  const { z, a } = forwardPass(arch, params, x, n);
  grad.fill(0);
  const L = layers.length;
  let delta = new Float64Array(n * layers[L - 1].outputs);
  const out = a[L];
  // Only mse takes the output's slope: sigmoid + bce and softmax + ce cancel it.
  const outputSlope = arch.loss === 'mse' ? slopeOf(arch.output as Activation) : undefined;
  const hiddenSlope = slopeOf(arch.activation);
  for (let i = 0; i < delta.length; i++) {
    delta[i] = out[i] - y[i];
    if (outputSlope) delta[i] *= outputSlope(z[L - 1][i], out[i]);
  }
  for (let l = L - 1; l >= 0; l--) {
    const layer = layers[l];
    const prev = a[l];
    const { inputs, outputs, weights, biases } = layer;
    for (let s = 0; s < n; s++) {
      for (let j = 0; j < outputs; j++) {
        const d = delta[s * outputs + j] / n;
        if (d === 0) continue;
        grad[biases + j] += d;
        const w = weights + j * inputs;
        const p = s * inputs;
        for (let i = 0; i < inputs; i++) grad[w + i] += d * prev[p + i];
      }
    }
    if (l === 0) break;
    const back = new Float64Array(n * inputs);
    for (let s = 0; s < n; s++) {
      for (let j = 0; j < outputs; j++) {
        const d = delta[s * outputs + j];
        if (d === 0) continue;
        const w = weights + j * inputs;
        const p = s * inputs;
        for (let i = 0; i < inputs; i++) back[p + i] += params[w + i] * d;
      }
      for (let i = 0; i < inputs; i++) back[s * inputs + i] *= hiddenSlope(z[l - 1][s * inputs + i], prev[s * inputs + i]);
    }
    delta = back;
  }
  return meanLoss(arch, z[L - 1], out, y, n);
}
