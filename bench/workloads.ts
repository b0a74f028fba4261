// Workloads the benchmarks share, written in the gradlab language: the harness's own.
export { nestedSin, product, ROSENBROCK, rosenbrockPoint } from '../src/harness/workloads';
