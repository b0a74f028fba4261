// Timing several cases in one run on a shared machine: each warmed up until the JIT has tiered it
// up, then short batches of each in turn, several rounds, keeping each case's fastest batch (the
// least disturbed batch is the closest to the code's own cost, and interleaving exposes all cases
// to the same load).

export interface RaceOptions {
  readonly warmupMs: number;
  readonly batchMs: number;
  readonly rounds: number;
}

/** Seconds per call of each case. */
export function race(cases: Record<string, () => unknown>, { warmupMs, batchMs, rounds }: RaceOptions): Record<string, number> {
  const names = Object.keys(cases);
  const reps: Record<string, number> = {};
  for (const name of names) {
    const f = cases[name];
    const t0 = performance.now();
    let calls = 0;
    while (performance.now() - t0 < warmupMs || calls < 3) f(), calls++;
    reps[name] = Math.max(1, Math.round(calls * (batchMs / (performance.now() - t0))));
  }
  const best: Record<string, number> = Object.fromEntries(names.map((n) => [n, Infinity]));
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      const t0 = performance.now();
      for (let i = 0; i < reps[name]; i++) cases[name]();
      best[name] = Math.min(best[name], (performance.now() - t0) / 1000 / reps[name]);
    }
  }
  return best;
}
