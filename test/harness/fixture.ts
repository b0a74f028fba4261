// A small hand-made Results covering every study type, with the awkward values renderers must
// survive: nulls, a failed method, an error of exactly 0, an infinite error, text with pipes and
// markup in it.
import type { Results } from '../../src/harness/types';

export const machine = {
  node: 'v20.19.0',
  platform: 'linux x64',
  cpus: 8,
  cpuModel: 'Test CPU @ 3.0GHz',
  memoryGB: 16,
  gradlab: '0.1.0',
  date: '2025-01-01T00:00:00.000Z',
};

const steps = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10];

export const fixture: Results = {
  machine,
  quick: true,
  accuracy: [
    { workload: 'sin(x)', kind: 'expression', method: 'finite', points: 5, medianDigits: 10.4, worstDigits: 9.8 },
    { workload: 'sin(x)', kind: 'expression', method: 'forward', points: 5, medianDigits: 15.9, worstDigits: 15.5 },
    { workload: 'sin(x)', kind: 'expression', method: 'reverse', points: 5, medianDigits: 15.9, worstDigits: 15.4 },
    { workload: 'sin(x)', kind: 'expression', method: 'symbolic', points: 5, medianDigits: 15.7, worstDigits: 15.1 },
    { workload: 'collatz | halve', kind: 'program', method: 'finite', points: 3, medianDigits: 9.1, worstDigits: 8.0 },
    { workload: 'collatz | halve', kind: 'program', method: 'forward', points: 3, medianDigits: 17, worstDigits: 17 },
    { workload: 'collatz | halve', kind: 'program', method: 'reverse', points: 3, medianDigits: 17, worstDigits: 17 },
    { workload: 'collatz | halve', kind: 'program', method: 'symbolic', points: 3, medianDigits: null, worstDigits: null, error: "symbolic cannot follow a 'while' that depends on the input <x> at 1:1" },
  ],
  stability: [
    ...steps.map((h) => ({ function: 'exp', at: 1, method: 'central', h, relError: h * h / 6 + 1e-16 / h, optimalStep: 6e-6, automaticStep: 6e-6, automaticRelError: 3e-11 })),
    ...steps.map((h) => ({ function: 'exp', at: 1, method: 'forward', h, relError: h / 2 + 1e-16 / h, optimalStep: 1.5e-8, automaticStep: 1.5e-8 })),
    { function: 'exp', at: 1, method: 'complex-step', h: null, relError: 0 },
    ...steps.map((h) => ({ function: 'log', at: 2, method: 'five-point', h, relError: h ** 4 / 30 + 1e-16 / h, optimalStep: 1e-3 })),
    { function: 'exp', at: 1, method: 'reverse', h: null, relError: 1.1e-16 },
  ],
  hardPoints: [
    { case: 'kink', category: 'kink', source: 'abs(x)', at: { x: 0 }, method: 'finite', value: 0, functionValue: 0, reference: 0, relError: 0, flagged: false },
    { case: 'kink', category: 'kink', source: 'abs(x)', at: { x: 0 }, method: 'reverse', value: 0, functionValue: 0, reference: 0, relError: 0, flagged: false },
    { case: 'branch boundary', source: 'if x > 1 { y = x^2 } else { y = 2x - 1 }; return y', at: { x: 1 }, method: 'finite', value: 2.000001, reference: 2, relError: 5e-7, flagged: true },
    { case: 'domain edge', source: 'sqrt(x)', at: { x: 0 }, method: 'finite', value: null, reference: Infinity, relError: null, error: 'sqrt(-1e-8) is not real', flagged: true },
  ],
  cost: [
    ...[10, 100, 1000].flatMap((n) => [
      { workload: 'rosenbrock', n, method: 'finite', secondsPerGradient: 2e-7 * (2 * n + 1) * n, secondsPerEvaluation: 2e-7 * n, evaluations: 2 * n + 1 },
      { workload: 'rosenbrock', n, method: 'forward', secondsPerGradient: 3e-7 * n * Math.ceil(n / 16), secondsPerEvaluation: 2e-7 * n, sweeps: Math.ceil(n / 16) },
      { workload: 'rosenbrock', n, method: 'reverse', secondsPerGradient: 7e-7 * n, secondsPerEvaluation: 2e-7 * n, sweeps: 1, tapeLength: 6 * n, tapeBytes: 48 * n },
      { workload: 'rosenbrock', n, method: 'symbolic', secondsPerGradient: n > 100 ? null : 5e-7 * n, secondsPerEvaluation: 2e-7 * n, treeNodes: 40 * n, dagNodes: 12 * n, deriveSeconds: 1e-4 * n, ...(n > 100 ? { note: 'not run: derivation too slow' } : {}) },
    ]),
  ],
  swell: [1, 2, 4, 8].map((k) => ({
    family: 'product',
    k,
    expressionNodes: 2 * k + 1,
    expressionDagNodes: 2 * k,
    treeNodes: 3 * 2 ** k,
    dagNodes: 4 * k,
    simplifiedTreeNodes: 2 * 2 ** k,
    simplifiedDagNodes: 3 * k,
    simplifiedComplete: k < 8,
  })),
  training: [
    { network: '64-32-10', batch: 32, method: 'manual', secondsPerStep: 1e-4, ratioToManual: 1, firstStepSeconds: 2e-3, note: 'no graph' },
    { network: '64-32-10', batch: 32, method: 'reverse', secondsPerStep: 2e-4, ratioToManual: 2 },
    { network: '64-32-10', batch: 32, method: 'symbolic', secondsPerStep: 3e-4, ratioToManual: null },
    { network: '64-32-10', batch: 32, method: 'forward', secondsPerStep: 0.05, ratioToManual: 500 },
    { network: '784-128-10', batch: 32, method: 'finite', secondsPerStep: null, ratioToManual: null, note: 'not run: 101,770 parameters' },
  ],
  trainingCurves: [
    { data: 'moons', network: '2-16-1 relu', method: 'reverse', secondsPerStep: 1e-4, loss: [0.7, 0.5, 0.3, 0.2], testAccuracy: 0.95 },
    { data: 'moons', network: '2-16-1 relu', method: 'manual', secondsPerStep: 5e-5, loss: [0.7, 0.5, 0.3, 0.2], testAccuracy: 0.95 },
    { data: 'moons', network: '2-16-1 relu', method: 'finite', secondsPerStep: 5e-3, loss: [0.7, 3, 1e9], testAccuracy: 0.5, diverged: 'the loss stopped being finite in epoch 4' },
  ],
  peers: [
    { peer: 'tfjs', workload: '64-32-10 batch 32', metric: 'seconds per step', gradlab: 2e-4, peerValue: 4e-4, ratio: 0.5 },
    { peer: 'mathjs', workload: 'derivative of x^2 sin(x)', metric: 'seconds per derivative', gradlab: 1e-5, peerValue: 5e-5, ratio: 0.2 },
    { peer: 'mathjs', workload: 'derivative size', metric: 'nodes', gradlab: null, peerValue: 30, ratio: null, note: 'gradlab <failed>' },
    ...['exp(x)', 'sin(x)', 'x^x', 'tan(x)', 'relu(x)'].map((workload, i) => ({
      peer: 'mathjs' as const,
      workload,
      metric: 'seconds (derivative + simplify)',
      gradlab: 1e-4,
      peerValue: i === 4 ? null : 1e-2 * (i + 1),
      ratio: i === 4 ? null : 1e-2 / (i + 1),
      ...(i === 4 ? { note: 'mathjs: Cannot process function "relu"' } : {}),
    })),
  ],
};
