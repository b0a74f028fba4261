// gradlab/bench: the benchmark harness (Node only): the studies, their workloads, and the report
// they write (Markdown, HTML, JSON, SVG charts drawn by the optional peers vega and vega-lite).
// Re-exports only.

export { runStudies, machineFacts, type StudyOptions } from './harness/run';
export { writeReport } from './harness/report';
export { STUDIES, type StudyName, type Results, type MachineFacts } from './harness/types';
export { ACCURACY_SUITE, SEED_LOOP, type Workload } from './harness/workloads';
export { checkGradient, type GradientCheck, type CheckOptions, type TaylorPoint, type Verdict } from './harness/check';
