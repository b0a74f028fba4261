// Time per gradient step of a dense softmax network, every method against hand-derived backprop
// (and TensorFlow.js's pure-JS CPU backend when it is installed): the harness's training study,
// saved as JSON and printed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { PLANS } from '../src/harness/run';
import { trainingStudy } from '../src/harness/studies/training';
import type { TrainingRow } from '../src/harness/types';

export async function trainingSuite(quick: boolean): Promise<TrainingRow[]> {
  const rows = await trainingStudy(PLANS[quick ? 'quick' : 'full'].training);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/training.json', JSON.stringify(rows, null, 2));
  console.log('\nTime per gradient step, softmax + CE, batch 32, ratio to hand-derived backprop (manual)');
  console.log('network      method     s/step       ratio     first step  note');
  for (const r of rows) {
    const first = r.firstStepSeconds === undefined ? '—' : `${r.firstStepSeconds.toFixed(2)} s`;
    console.log(`${r.network.padEnd(13)}${r.method.padEnd(11)}${(r.secondsPerStep?.toExponential(2) ?? '—').padEnd(13)}${(r.ratioToManual?.toFixed(2) ?? '—').padEnd(10)}${first.padEnd(12)}${r.note ?? ''}`);
  }
  return rows;
}
