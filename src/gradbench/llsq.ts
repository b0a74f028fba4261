// GradBench's llsq (cmpad's llsq_obj): ½ Σᵢ (sᵢ − Σⱼ xⱼ tᵢʲ)² with tᵢ = −1 + 2i/(n − 1) and
// sᵢ = sign(tᵢ), the powers by a running product as in the C++ reference.
import { numbers, objectInput, wholeNumber } from './input';
import { program, scalarEval, type EvalModule } from './module';

/** n is a size, not an input to differentiate: it is written into the program, one per n. */
export const llsqSource = (n: number): string => `# llsq with n = ${n}
n = ${n}
m = length(x)
total = 0
for i = 0:n - 1 {
  t = -1 + i * 2 / (n - 1)
  r = sign(t)
  p = 1
  for j = 1:m {
    r = r - x[j] * p
    p = p * t
  }
  total = total + r * r
}
return total / 2`;

function workload(input: unknown) {
  const f = objectInput(input, 'llsq');
  const x = numbers(f.x, 'input.x');
  // t divides by n − 1.
  const n = wholeNumber(f.n, 'input.n', 2);
  // One tick per iteration of each loop, and a little room.
  return { fn: program(llsqSource(n)), at: { x }, budget: n * (x.length + 1) + 16 };
}

export const llsq: EvalModule = scalarEval('llsq', workload);
