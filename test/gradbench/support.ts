// What the GradBench tests share: the recorded cases (found beside the repository), the command
// run as a process with messages in and responses out, and GradBench's comparison rule.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { differentiator } from '../../src/diff/registry';
import { serve } from '../../src/gradbench/serve';
import { Tool } from '../../src/gradbench/tool';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(ROOT, 'dist/cli.js');

/** CI keeps shared/ beside the clone (../shared); a git worktree sits one level deeper. */
const CANDIDATES = [join(ROOT, '../shared/gradbench'), join(ROOT, '../../shared/gradbench')];

export function casesDir(): string {
  const dir = CANDIDATES.find((d) => existsSync(join(d, 'hello.jsonl')));
  if (!dir) {
    throw new Error(`the recorded GradBench cases are missing: expected shared/gradbench/*.jsonl at ${CANDIDATES.join(' or ')} (a copy of shared/ beside the repository)`);
  }
  return dir;
}

export interface Case {
  readonly module: string;
  readonly function: string;
  readonly description?: string;
  readonly input: unknown;
  readonly output: unknown;
}

/** Every recorded case, file by file (`llsq.jsonl` → module llsq). */
export function recordedCases(): Case[] {
  const dir = casesDir();
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Case));
}

export interface Session {
  readonly lines: string[];
  readonly stderr: string;
  readonly status: number | null;
}

/** `gradlab gradbench` with `args`, fed `input` (lines), until it exits at the end of input. */
export function session(input: readonly string[], args: readonly string[] = []): Promise<Session> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' before the GradBench tests`);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, 'gradbench', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (status) => done({ lines: stdout.split('\n').filter((l) => l !== ''), stderr, status }));
    child.stdin.end(input.map((l) => `${l}\n`).join(''));
  });
}

/** A conversation as GradBench holds it: each message sent only once the previous one is answered. */
export function conversation(messages: readonly string[], args: readonly string[] = []): Promise<string[]> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' before the GradBench tests`);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, 'gradbench', ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
    const answers: string[] = [];
    let pending = '';
    const next = () => (answers.length < messages.length ? child.stdin.write(`${messages[answers.length]}\n`) : child.stdin.end());
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      pending += d;
      let cut;
      while ((cut = pending.indexOf('\n')) >= 0) {
        answers.push(pending.slice(0, cut));
        pending = pending.slice(cut + 1);
        next();
      }
    });
    child.on('error', fail);
    child.on('close', () => done(answers));
    next();
  });
}

/** The same loop in this process, over in-memory streams: for what is not about the command. */
export async function served(input: readonly string[], method = 'reverse'): Promise<Session> {
  const [stdin, stdout, stderr] = [new PassThrough(), new PassThrough(), new PassThrough()];
  const text = (s: PassThrough) => {
    let t = '';
    s.setEncoding('utf8').on('data', (d: string) => (t += d));
    return () => t;
  };
  const [out, err] = [text(stdout), text(stderr)];
  stdin.end(input.map((l) => `${l}\n`).join(''));
  await serve(new Tool({ method: differentiator(method) }), { input: stdin, output: stdout, errors: stderr });
  return { lines: out().split('\n').filter((l) => l !== ''), stderr: err(), status: 0 };
}

/** GradBench's comparison: lists by length and element, numbers within
 *  |a − b| / max(1, |a| + |b|) ≤ 1e-4 (NaN fails). Returns what differs, empty when all agree. */
export function mismatches(expected: unknown, actual: unknown, path = 'output'): string[] {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return [`${path}: expected a number, got ${JSON.stringify(actual)}`];
    const rel = Math.abs(expected - actual) / Math.max(1, Math.abs(expected) + Math.abs(actual));
    return rel <= 1e-4 ? [] : [`${path}: expected ${expected}, got ${actual} (${rel.toExponential(2)})`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected a list, got ${JSON.stringify(actual)?.slice(0, 40)}`];
    if (actual.length !== expected.length) return [`${path}: expected ${expected.length} entries, got ${actual.length}`];
    return expected.flatMap((e, i) => mismatches(e, actual[i], `${path}[${i}]`));
  }
  return JSON.stringify(expected) === JSON.stringify(actual) ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

/** An evaluate message for a recorded case, run once (min_seconds 0), so the replay stays quick. */
export function evaluateMessage(id: number, c: Case): string {
  const input = typeof c.input === 'object' && c.input !== null ? { ...c.input, min_runs: 1, min_seconds: 0 } : c.input;
  return JSON.stringify({ id, kind: 'evaluate', module: c.module, function: c.function, input, description: c.description });
}
