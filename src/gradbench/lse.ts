// GradBench's lse: log Σ exp(xᵢ) by the max-shift trick, from primitives (a running max, exp,
// log and a sum), not the table's own logsumexp with its hand-written derivative.
import { numbers, objectInput } from './input';
import { program, scalarEval, type EvalModule } from './module';

export const LSE = `# lse: a = max x, then a + log Σ exp(xᵢ − a)
n = length(x)
a = x[1]
for i = 2:n {
  a = max(a, x[i])
}
s = 0
for i = 1:n {
  s = s + exp(x[i] - a)
}
return log(s) + a`;

function workload(input: unknown) {
  const x = numbers(objectInput(input, 'lse').x, 'input.x');
  return { fn: program(LSE), at: { x }, budget: 2 * x.length + 16 };
}

export const lse: EvalModule = scalarEval('lse', workload);
