// `node --import tsx bench/startup.ts [runs]`: CLI start-up against a bare `node -e 0`, the commands
// interleaved so every one sees the same machine load; prints medians and their ratios to node.
// Needs a built dist/cli.js (`npm run build`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
// Each child reports its own CPU time (user + system) as it exits, so load on the other core
// inflates wall time but not this figure.
const PROBE = `data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('\\ncpu-us '+(u.user+u.system)+'\\n')})`;

const COMMANDS: ReadonlyArray<{ name: string; args: string[] }> = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'gradlab --help', args: [CLI, '--help'] },
  { name: 'gradlab eval "x^2" --at x=3', args: [CLI, 'eval', 'x^2', '--at', 'x=3'] },
  { name: 'gradlab compare "x^2" --at x=3', args: [CLI, 'compare', 'x^2', '--at', 'x=3'] },
];

const runs = Number(process.argv[2] ?? 15);
if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);

const wall: number[][] = COMMANDS.map(() => []);
const cpu: number[][] = COMMANDS.map(() => []);
for (let r = 0; r < runs; r++) {
  for (const [i, c] of COMMANDS.entries()) {
    const t0 = process.hrtime.bigint();
    const p = spawnSync(process.execPath, ['--import', PROBE, ...c.args], { encoding: 'utf8' });
    wall[i].push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (p.status !== 0) throw new Error(`${c.name} exited ${p.status}: ${p.stderr}`);
    cpu[i].push(Number(/cpu-us (\d+)/.exec(p.stderr)![1]) / 1e3);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const [baseWall, baseCpu] = [median(wall[0]), median(cpu[0])];
console.log(`${runs} runs each, interleaved; medians in ms, ratio to node -e 0`);
console.log(`${'command'.padEnd(34)}${'wall'.padStart(8)}${'ratio'.padStart(8)}${'cpu'.padStart(8)}${'ratio'.padStart(8)}`);
for (const [i, c] of COMMANDS.entries()) {
  const [w, u] = [median(wall[i]), median(cpu[i])];
  console.log(`${c.name.padEnd(34)}${w.toFixed(0).padStart(8)}${(w / baseWall).toFixed(2).padStart(8)}${u.toFixed(0).padStart(8)}${(u / baseCpu).toFixed(2).padStart(8)}`);
}
