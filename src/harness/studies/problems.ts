// The small training problems the training curves are drawn on (a light module: the registry
// names them in its plans without loading the training code).
import type { DatasetName } from '../../nn/data';
import type { Activation } from '../../nn/network';
import type { OptimizerName } from '../../nn/optimizers';

export interface CurveProblem {
  readonly data: DatasetName;
  readonly sizes: readonly number[];
  readonly activation: Activation;
  readonly epochs: number;
  readonly batch: number;
  readonly optimizer: OptimizerName;
  readonly lr: number;
}

export const XOR: CurveProblem = { data: 'xor', sizes: [2, 4, 1], activation: 'tanh', epochs: 300, batch: 4, optimizer: 'adam', lr: 0.05 };
export const MOONS: CurveProblem = { data: 'moons', sizes: [2, 8, 1], activation: 'tanh', epochs: 30, batch: 32, optimizer: 'adam', lr: 0.02 };
