// `npm run bench`: every benchmark suite, then the ratio tables they were run to produce.
import { gradientSuite, type Row } from './gradient';
import { symbolicSuite } from './symbolic';
import { trainingSuite } from './training';

const quick = process.argv.includes('--quick');
const rows: Row[] = [];
await gradientSuite(quick ? [10, 100] : [10, 100, 1000, 10000], rows);

console.log('\nGradient of extended Rosenbrock: seconds per call, and ratio to the fastest evaluation of f');
console.log('n       method                      seconds      ratio');
for (const n of [...new Set(rows.map((r) => r.n))]) {
  const base = rows.find((r) => r.n === n && r.method === 'evaluate (graph replay)')!.secondsPerCall;
  for (const r of rows.filter((q) => q.n === n)) {
    console.log(`${String(n).padEnd(8)}${r.method.padEnd(28)}${r.secondsPerCall.toExponential(2).padEnd(13)}${(r.secondsPerCall / base).toFixed(2)}`);
  }
}

await symbolicSuite(quick);
await trainingSuite(quick);
