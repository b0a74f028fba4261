// The harness's plain results: every study returns one of these (studies never format), and the
// renderers turn them into Markdown, HTML with SVG charts, JSON and terminal tables (renderers
// never measure).

export interface MachineFacts {
  readonly node: string;
  readonly platform: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGB: number;
  readonly gradlab: string;
  readonly date: string;
}

/** accuracy: per workload, method or finite-difference scheme, the error against the reference. */
export interface AccuracyRow {
  readonly workload: string;
  readonly kind: 'expression' | 'multivariable' | 'vector' | 'program' | 'seed';
  readonly method: string;
  readonly points: number;
  /** Correct digits, −log10 of the relative error (capped at 17); null where the method failed. */
  readonly medianDigits: number | null;
  readonly worstDigits: number | null;
  readonly error?: string;
}

/** stability: error against step h for a scheme (or a flat line for an exact method). */
export interface StabilityRow {
  readonly function: string;
  readonly at: number;
  readonly method: string;
  readonly h: number | null;
  readonly relError: number;
  /** The theoretical optimum step and the automatic step's choice, per scheme. */
  readonly optimalStep?: number;
  readonly automaticStep?: number;
  /** The error the scheme makes at its automatic step. */
  readonly automaticRelError?: number;
}

/** hard points: what each method returns at a kink, a branch boundary, a cancellation… */
export interface HardPointRow {
  readonly case: string;
  readonly source: string;
  readonly at: Readonly<Record<string, number>>;
  readonly method: string;
  readonly value: number | null;
  readonly reference: number | null;
  readonly relError: number | null;
  readonly error?: string;
  readonly flagged: boolean;
  /** kink, branch, cancellation, overflow or domain. */
  readonly category?: string;
  /** f at the point as the method computed it (Infinity where it overflowed). */
  readonly functionValue?: number;
}

/** cost: time per gradient against n, with the operation counts that explain it. */
export interface CostRow {
  readonly workload: string;
  readonly n: number;
  readonly method: string;
  readonly secondsPerGradient: number | null;
  readonly secondsPerEvaluation: number;
  readonly evaluations?: number;
  readonly sweeps?: number;
  readonly tapeLength?: number;
  readonly tapeBytes?: number;
  readonly treeNodes?: number;
  readonly dagNodes?: number;
  readonly deriveSeconds?: number;
  readonly note?: string;
}

/** swell: symbolic derivative size against expression size. */
export interface SwellRow {
  readonly family: string;
  readonly k: number;
  readonly expressionNodes: number;
  readonly treeNodes: number;
  readonly dagNodes: number;
  readonly simplifiedTreeNodes: number;
  readonly simplifiedDagNodes: number;
  /** `expressionNodes` counts the expression as a tree; this, as a DAG. */
  readonly expressionDagNodes?: number;
  /** False where the simplifier stopped at its work budget. */
  readonly simplifiedComplete?: boolean;
}

export interface TrainingRow {
  readonly network: string;
  readonly batch: number;
  readonly method: string;
  readonly secondsPerStep: number | null;
  readonly ratioToManual: number | null;
  readonly note?: string;
  /** The first step alone, which also builds the loss graph (and, for symbolic, derives it). */
  readonly firstStepSeconds?: number;
}

export interface TrainingCurve {
  readonly data: string;
  /** The architecture trained, e.g. `2-4-1 tanh`. */
  readonly network?: string;
  readonly method: string;
  readonly secondsPerStep: number;
  readonly loss: readonly number[];
  readonly testAccuracy: number;
  /** Set where the loss stopped being finite (training ends there). */
  readonly diverged?: string;
}

export interface PeerRow {
  readonly peer: 'mathjs' | 'tfjs';
  readonly workload: string;
  readonly metric: string;
  readonly gradlab: number | null;
  readonly peerValue: number | null;
  /** gradlab ÷ peer (time: below 1 means gradlab is faster). */
  readonly ratio: number | null;
  readonly note?: string;
}

export interface Results {
  readonly machine: MachineFacts;
  readonly quick: boolean;
  readonly accuracy?: AccuracyRow[];
  readonly stability?: StabilityRow[];
  readonly hardPoints?: HardPointRow[];
  readonly cost?: CostRow[];
  readonly swell?: SwellRow[];
  readonly training?: TrainingRow[];
  readonly trainingCurves?: TrainingCurve[];
  readonly peers?: PeerRow[];
}

export { STUDIES, type StudyName } from './registry';
