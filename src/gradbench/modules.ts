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
  lstm: 'an LSTM over its parameter matrices is not written as a gradlab program yet',
  ht: 'the hand model (bones, rotations, skinning) is not written as a gradlab program yet',
  ba: 'it asks for a sparse Jacobian, which gradlab does not compute (its jacobian is dense), and is not written as a gradlab program yet',
  particle: 'it needs a gradient taken inside the function being differentiated (nested differentiation), which the language cannot say',
  saddle: 'it needs a gradient taken inside the function being differentiated (nested differentiation), which the language cannot say',
};
