// GradBench's ode (cmpad's an_ode): y₀' = x₀, yᵢ' = xᵢ·yᵢ₋₁, y(0) = 0, integrated to t = 2 by
// Runge–Kutta 4 in s steps; primal is y(2), gradient the gradient of its last element.
import { numbers, objectInput, wholeNumber } from './input';
import { gradientOf, primal, program, type EvalModule } from './module';

/** s is a step count, not an input: written into the program, one per s. The work vectors are
 *  copies of x, cleared (the language has no zeros(n)). */
export const odeSource = (s: number, last: boolean): string => `# ode by RK4 in ${s} steps
s = ${s}
n = length(x)
h = 2 / s
y = x
k1 = x
k2 = x
k3 = x
k4 = x
tmp = x
for i = 1:n { y[i] = 0 }
for step = 1:s {
  k1[1] = x[1]
  for i = 2:n { k1[i] = x[i] * y[i - 1] }
  for i = 1:n { tmp[i] = y[i] + h * k1[i] / 2 }
  k2[1] = x[1]
  for i = 2:n { k2[i] = x[i] * tmp[i - 1] }
  for i = 1:n { tmp[i] = y[i] + h * k2[i] / 2 }
  k3[1] = x[1]
  for i = 2:n { k3[i] = x[i] * tmp[i - 1] }
  for i = 1:n { tmp[i] = y[i] + h * k3[i] }
  k4[1] = x[1]
  for i = 2:n { k4[i] = x[i] * tmp[i - 1] }
  for i = 1:n { y[i] = y[i] + h * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]) / 6 }
}
return ${last ? 'y[n]' : 'y'}`;

function workload(input: unknown, last: boolean) {
  const f = objectInput(input, 'ode');
  const x = numbers(f.x, 'input.x');
  const s = wholeNumber(f.s, 'input.s', 1);
  // Nine loops over x per step, one to clear y.
  return { fn: program(odeSource(s, last)), at: { x }, budget: s * (9 * x.length + 1) + x.length + 16 };
}

export const ode: EvalModule = {
  name: 'ode',
  functions: {
    primal(input) {
      const { fn, at, budget } = workload(input, false);
      return { run: primal(fn, at, budget) };
    },
    gradient(input, method) {
      const { fn, at, budget } = workload(input, true);
      return { run: gradientOf(fn, at, method, budget) };
    },
  },
};
