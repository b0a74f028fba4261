// gradlab/nn: networks, datasets (the MNIST digits included), optimizers, training by any method,
// the lessons' demonstrations and their charts. Re-exports only; charts need vega and vega-lite,
// digits need mnist (optional peers, loaded when first used).

// Networks and training (also in the main entry)
export { train, gradientStep, evaluateSplit, TRAIN_METHODS, type TrainOptions, type TrainResult, type TrainMethod, type EpochMetrics } from './nn/train';
export { architecture, initialise, parameterCount, forwardPass, meanLoss, accuracy, layersOf, type Architecture, type Activation, type LossName } from './nn/network';
export { lossFunction } from './nn/loss';
export { manualGradient } from './nn/manual';
export { optimizer, OPTIMIZERS, DEFAULT_LR, clipByNorm, clipByValue, type OptimizerName } from './nn/optimizers';
export { Rng } from './nn/rng';

// Datasets: loadDigits imports `mnist` once, after which loadDataset('digits') works too
export { loadDataset, DATASETS, type Dataset, type DatasetName, type DataOptions, type Split, type Task } from './nn/data';
export { loadDigits } from './nn/digits';

// The lessons: vanishing gradients, optimizer trajectories, divergence; their charts as SVG
export { trajectories, vanishing, divergence, optimizers, type Trajectory, type Trajectories, type DepthRow } from './nn/demos';
export { lossCurve, gradientNormChart, decisionBoundary } from './nn/plots';
