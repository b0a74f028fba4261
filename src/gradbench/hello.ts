// GradBench's hello: square(x) = x·x and double(x), its derivative, on bare numbers.
import { finiteNumber } from './input';
import { gradientOf, primal, program, scalar, type EvalModule } from './module';

const SQUARE = 'x * x';

export const hello: EvalModule = {
  name: 'hello',
  functions: {
    square(input) {
      const run = primal(program(SQUARE), { x: finiteNumber(input, 'input') }, 1);
      return { run: () => scalar(run()) };
    },
    double(input, method) {
      const run = gradientOf(program(SQUARE), { x: finiteNumber(input, 'input') }, method, 1);
      return { run: () => run()[0] };
    },
  },
};
