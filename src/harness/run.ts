// Running the registered studies at their quick or full plans, with progress per study, and the
// facts of the machine the numbers were measured on.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REGISTRY, type Plans, type StudyName } from './registry';
import type { MachineFacts, Results } from './types';

export interface StudyOptions {
  quick: boolean;
  onProgress?: (study: StudyName, done: number, total: number) => void;
}

const plansOf = (which: 'quick' | 'full'): Plans => Object.fromEntries(REGISTRY.map((s) => [s.name, s.plans[which]])) as unknown as Plans;

/** Every study's plan, by name: quick (about a minute on two cores) and full (under half an hour). */
export const PLANS: Readonly<Record<'quick' | 'full', Plans>> = { quick: plansOf('quick'), full: plansOf('full') };

/** Runs the studies named in `only`, in the registry's order; each sees what those before it found. */
export async function runStudies(only: readonly StudyName[], options: StudyOptions): Promise<Results> {
  const which = options.quick ? 'quick' : 'full';
  let results: Results = { machine: machineFacts(), quick: options.quick };
  for (const s of REGISTRY.filter((r) => only.includes(r.name))) {
    const onProgress = (done: number, total: number) => options.onProgress?.(s.name, done, total);
    const run = s.run as (plan: unknown, context: { onProgress: typeof onProgress; results: Results }) => Promise<Partial<Results>>;
    results = { ...results, ...(await run(s.plans[which], { onProgress, results })) };
  }
  return results;
}

export function machineFacts(): MachineFacts {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    gradlab: version(),
    date: new Date().toISOString(),
  };
}

/** gradlab's version from its package.json, the nearest one up from this module (src/harness in
 *  development, dist once built; tsup's CJS build has `__filename` where ESM has `import.meta.url`). */
function version(): string {
  let dir = dirname(import.meta.url ? fileURLToPath(import.meta.url) : __filename);
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'gradlab') return pkg.version ?? 'unknown';
    }
    const up = dirname(dir);
    if (up === dir) return 'unknown';
    dir = up;
  }
}
