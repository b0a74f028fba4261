// The eval modules gradlab implements, and why it declines the others GradBench has.
import { det } from './det';
import { gmm } from './gmm';
import { hello } from './hello';
import { llsq } from './llsq';
import { kmeans } from './kmeans';
import { lse } from './lse';
import { ode } from './ode';
import type { EvalModule } from './module';

export const MODULES: ReadonlyMap<string, EvalModule> = new Map([hello, llsq, lse, det, ode, kmeans, gmm].map((m) => [m.name, m]));

/** GradBench's other evals, with what gradlab lacks to take them on. */
export const DECLINED: Readonly<Record<string, string>> = {
  lstm: 'needs matrices of parameters by the thousand, and gradlab has no functions to name an LSTM cell once',
  ht: 'needs a hand model read from files and rotations composed per bone; not written as a gradlab program yet',
  ba: 'needs a Jacobian per observation (sparse), and gradlab has no way to ask for a sparse Jacobian',
  particle: 'needs a gradient taken inside the function being differentiated (nested differentiation)',
  saddle: 'needs a gradient taken inside the function being differentiated (nested differentiation)',
};
