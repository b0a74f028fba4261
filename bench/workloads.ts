// Workloads the benchmarks share, written in the gradlab language.

/** Extended Rosenbrock: Σ 100(x[i+1] - x[i]²)² + (1 - x[i])² over consecutive pairs. */
export const ROSENBROCK = `s = 0
for i = 1:length(x) - 1 {
  s = s + 100(x[i + 1] - x[i]^2)^2 + (1 - x[i])^2
}
return s`;

/** The classic starting point (-1.2, 1, -1.2, 1, …). */
export function rosenbrockPoint(n: number): { x: number[] } {
  return { x: Array.from({ length: n }, (_, i) => (i % 2 === 0 ? -1.2 : 1)) };
}

/** (x+1)(x+2)…(x+k): the product rule's swell, and mathjs's simplifier's trap. */
export const product = (k: number) => Array.from({ length: k }, (_, i) => `(x + ${i + 1})`).join('');

/** sin(sin(…sin(x)…)), k deep. */
export const nestedSin = (k: number) => 'sin('.repeat(k) + 'x' + ')'.repeat(k);
