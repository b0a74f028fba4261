// The shape of results.json as a zod schema, field for field from src/harness/types.ts (numbers may
// also be the strings "Infinity" and "-Infinity", as the CLI writes non-finite numbers). Each shape
// `satisfies` the keys of its row type, so a field added to types.ts fails to compile here until
// the schema has it too.
import { z } from 'zod';
import type { AccuracyRow, CostRow, HardPointRow, MachineFacts, PeerRow, Results, StabilityRow, SwellRow, TrainingCurve, TrainingRow } from '../../src/harness/types';

type Shape<T> = { readonly [K in keyof Required<T>]: z.ZodType };

const num = z.union([z.number(), z.literal('Infinity'), z.literal('-Infinity')]);
const maybe = num.nullable();

const machine = z.strictObject({
  node: z.string(),
  platform: z.string(),
  cpus: z.number().int().positive(),
  cpuModel: z.string(),
  memoryGB: z.number(),
  gradlab: z.string(),
  date: z.string(),
} satisfies Shape<MachineFacts>);

const accuracy = z.strictObject({
  workload: z.string(),
  kind: z.enum(['expression', 'multivariable', 'vector', 'program', 'seed']),
  method: z.string(),
  points: z.number().int().nonnegative(),
  medianDigits: maybe,
  worstDigits: maybe,
  error: z.string().optional(),
} satisfies Shape<AccuracyRow>);

const stability = z.strictObject({
  function: z.string(),
  at: num,
  method: z.string(),
  h: maybe,
  relError: num,
  optimalStep: num.optional(),
  automaticStep: num.optional(),
  automaticRelError: num.optional(),
} satisfies Shape<StabilityRow>);

const hardPoint = z.strictObject({
  case: z.string(),
  source: z.string(),
  at: z.record(z.string(), num),
  method: z.string(),
  value: maybe,
  reference: maybe,
  relError: maybe,
  error: z.string().optional(),
  flagged: z.boolean(),
  category: z.string().optional(),
  functionValue: num.optional(),
} satisfies Shape<HardPointRow>);

const cost = z.strictObject({
  workload: z.string(),
  n: z.number().int().positive(),
  method: z.string(),
  secondsPerGradient: maybe,
  secondsPerEvaluation: num,
  evaluations: num.optional(),
  sweeps: num.optional(),
  tapeLength: num.optional(),
  tapeBytes: num.optional(),
  treeNodes: num.optional(),
  dagNodes: num.optional(),
  deriveSeconds: num.optional(),
  note: z.string().optional(),
} satisfies Shape<CostRow>);

const swell = z.strictObject({
  family: z.string(),
  k: z.number(),
  expressionNodes: z.number(),
  treeNodes: num,
  dagNodes: num,
  simplifiedTreeNodes: num,
  simplifiedDagNodes: num,
  expressionDagNodes: num.optional(),
  simplifiedComplete: z.boolean().optional(),
} satisfies Shape<SwellRow>);

const training = z.strictObject({
  network: z.string(),
  batch: z.number().int().positive(),
  method: z.string(),
  secondsPerStep: maybe,
  ratioToManual: maybe,
  note: z.string().optional(),
  firstStepSeconds: num.optional(),
} satisfies Shape<TrainingRow>);

const trainingCurve = z.strictObject({
  data: z.string(),
  network: z.string().optional(),
  method: z.string(),
  secondsPerStep: num,
  loss: z.array(num),
  testAccuracy: num,
  diverged: z.string().optional(),
} satisfies Shape<TrainingCurve>);

const peer = z.strictObject({
  peer: z.enum(['mathjs', 'tfjs']),
  workload: z.string(),
  metric: z.string(),
  gradlab: maybe,
  peerValue: maybe,
  ratio: maybe,
  note: z.string().optional(),
} satisfies Shape<PeerRow>);

export const resultsSchema = z.strictObject({
  machine,
  quick: z.boolean(),
  accuracy: z.array(accuracy).optional(),
  stability: z.array(stability).optional(),
  hardPoints: z.array(hardPoint).optional(),
  cost: z.array(cost).optional(),
  swell: z.array(swell).optional(),
  training: z.array(training).optional(),
  trainingCurves: z.array(trainingCurve).optional(),
  peers: z.array(peer).optional(),
} satisfies Shape<Results>);
