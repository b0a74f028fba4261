// The `gradlab` command end to end, through the built binary dist/cli.js (`npm run build` first).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function gradlab(args: readonly string[], input?: string): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const json = (r: Run): unknown => JSON.parse(r.stdout);

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' before the CLI tests`);
});

describe('gradlab eval', () => {
  it.each([
    [['eval', '2x + 3x^2 + x(6 - 2)', '--at', 'x=2'], '24\n'],
    [['eval', 'while abs(x) > 5 { x = x / 2 } return x^2', '--at', 'x=-40'], '25\n'],
    [['eval', 'x + y', '--at', 'x=1,y=2'], '3\n'],
    [['eval', 'x + y', '--at', 'x=1', '--at', 'y=2'], '3\n'],
    [['eval', 'x', '--at', 'x=pi/4'], `${Math.PI / 4}\n`],
    [['eval', 'sum(v)', '--at', 'v=[1,2,3]'], '6\n'],
    [['eval', '2v[2]', '--at', 'v=[1, 2, 3]'], '4\n'],
    [['eval', 'return [x, 2x]', '--at', 'x=1.5'], '[1.5, 3]\n'],
    [['eval', '1/0'], 'Infinity\n'],
  ])('%j prints %j', (args, stdout) => {
    const r = gradlab(args);
    expect(r).toEqual({ status: 0, stdout, stderr: '' });
  });

  it.each([
    [['eval', '2x', '--at', 'x=3', '--json'], { value: 6 }],
    [['eval', 'sum(v)', '--at', 'v=[1,2,3]', '--json'], { value: 6 }],
    [['eval', 'v', '--at', 'v=[1,2,3]', '--json'], { value: [1, 2, 3] }],
    // After `--`, a source that starts with a minus is not taken for an option.
    [['eval', '--json', '--', '-1/0'], { value: '-Infinity' }],
  ])('%j prints %j', (args, value) => {
    const r = gradlab(args);
    expect(r.status).toBe(0);
    expect(json(r)).toEqual(value);
  });

  it("reads the program from standard input for '-'", () => {
    expect(gradlab(['eval', '-', '--at', 'x=3'], 'y = x^2\nreturn y + 1\n')).toEqual({ status: 0, stdout: '10\n', stderr: '' });
  });

  it("reads the program from standard input for '-f -'", () => {
    expect(gradlab(['eval', '-f', '-', '--at', 'x=12'], 'while abs(x) > 5 {\n  x = x / 2\n}\nreturn x^2\n').stdout).toBe('9\n');
  });

  describe('with a file', () => {
    let dir = '';
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'gradlab-cli-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('reads the program from -f FILE', () => {
      const file = join(dir, 'rosenbrock.gl');
      writeFileSync(file, '# extended Rosenbrock\ns = 0\nfor i = 1:length(x) - 1 {\n  s = s + 100(x[i + 1] - x[i]^2)^2 + (1 - x[i])^2\n}\nreturn s\n');
      expect(gradlab(['eval', '-f', file, '--at', 'x=[1,1,1,1]'])).toEqual({ status: 0, stdout: '0\n', stderr: '' });
    });

    it('points errors at the line of the file', () => {
      const file = join(dir, 'broken.gl');
      writeFileSync(file, 'x = 1\n\nreturn 2 * foo(x)\n');
      const r = gradlab(['eval', '-f', file]);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe("error: unknown function 'foo'; for a product write 'foo * (...)' at 3:12\n3 | return 2 * foo(x)\n  |            ^^^\n");
    });
  });

  it('honours --max-iterations', () => {
    const loop = 'n = 0\nwhile n < 20 { n = n + 1 }\nn';
    expect(gradlab(['eval', loop, '--max-iterations', '20']).stdout).toBe('20\n');
    const r = gradlab(['eval', loop, '--max-iterations', '19']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: while loop ran past the budget of 19 iterations/);
  });
});

describe('gradlab parse', () => {
  it('prints canonical text', () => {
    expect(gradlab(['parse', '2x+3x^2+x(6-2)'])).toEqual({ status: 0, stdout: '2x + 3x^2 + x * (6 - 2)\n', stderr: '' });
  });

  it('prints LaTeX with --latex', () => {
    expect(gradlab(['parse', 'x^2 / (1 + sqrt(x))', '--latex']).stdout).toBe('\\frac{x^{2}}{1 + \\sqrt{x}}\n');
  });

  it('prints printed, latex, inputs and the tree with --json', () => {
    const r = gradlab(['parse', 'sigmoid(w x + b)', '--json']);
    expect(r.status).toBe(0);
    const out = json(r) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['printed', 'latex', 'inputs', 'ast']);
    expect(out).toMatchObject({
      printed: 'sigmoid(w * x + b)',
      latex: '\\operatorname{sigmoid}\\left(w \\cdot x + b\\right)',
      inputs: ['w', 'x', 'b'],
      ast: { kind: 'program', body: [{ kind: 'expr', value: { kind: 'call', op: 'sigmoid' } }], span: { line: 1, column: 1 } },
    });
  });
});

describe('errors', () => {
  it.each([
    ['a syntax error', ['eval', '1 + * 2'], "error: unexpected '*', expected a function call, a name, a number, '-', '(', '[' or '+' at 1:5", '1 | 1 + * 2', '  |     ^'],
    ['an unknown function', ['parse', 'y = foo(x)'], "error: unknown function 'foo'; for a product write 'foo * (...)' at 1:5", '1 | y = foo(x)', '  |     ^^^'],
    ['a missing input', ['eval', 'x = 1\ny = x + z'], "error: no value given for the input 'z' at 2:9", '2 | y = x + z', '  |         ^'],
    ['a domain error', ['eval', 'sqrt(x - 5)', '--at', 'x=1'], 'error: sqrt(-4) is not a real number at 1:1', '1 | sqrt(x - 5)', '  | ^^^^^^^^^^^'],
  ])('reports %s with its position, line and caret, and exits 1', (_, args, ...lines) => {
    const r = gradlab(args);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(lines.join('\n') + '\n');
  });

  it.each([
    [['eval', '1 + * 2', '--json'], { code: 'syntax', line: 1, column: 5 }],
    [['eval', 'x', '--json'], { code: 'missing-input', message: "no value given for the input 'x'", line: 1, column: 1 }],
    [['eval', 'x', '--at', 'x=1,y=2', '--json'], { code: 'unknown-input', line: null, column: null }],
    [['parse', 'pi = 3', '--json'], { code: 'assign-constant', message: "cannot assign to 'pi': it is a constant", line: 1, column: 1 }],
  ])('%j prints {"error": ...} as JSON on stdout', (args, error) => {
    const r = gradlab(args);
    expect(r.status).toBe(1);
    const out = json(r) as { error: Record<string, unknown> };
    expect(Object.keys(out)).toEqual(['error']);
    expect(Object.keys(out.error)).toEqual(['code', 'message', 'line', 'column']);
    expect(out.error).toMatchObject(error);
  });

  it.each([
    ['no source', ['eval'], /give an expression, -f FILE, or - to read standard input/],
    ['a source and a file', ['eval', 'x', '-f', 'prog.gl'], /give either an expression or -f FILE, not both/],
    ['a missing file', ['eval', '-f', join(tmpdir(), 'gradlab-no-such-file.gl')], /cannot read '.*gradlab-no-such-file\.gl': no such file/],
    ['a point without a value', ['eval', 'x', '--at', 'x'], /--at expects name=value pairs/],
    ['a point given twice', ['eval', 'x', '--at', 'x=1,x=2'], /--at gives 'x' twice/],
    ['a point that is not a constant', ['eval', 'x', '--at', 'x=y+1'], /--at x=y\+1: .*values must be constants/],
    ['a bad iteration budget', ['eval', 'x', '--at', 'x=1', '--max-iterations', '0'], /--max-iterations.*positive whole number/],
    ['a non-numeric iteration budget', ['eval', 'x', '--at', 'x=1', '--max-iterations', 'lots'], /--max-iterations.*positive whole number/],
    ['an unknown command', ['differentiate', 'x'], /unknown command 'differentiate'/],
    ['an unknown option', ['eval', 'x', '--at', 'x=1', '--colour'], /unknown option '--colour'/],
    ['no command', [], /Usage: gradlab/],
  ])('refuses %s with a message and a non-zero exit', (_, args, message) => {
    const r = gradlab(args);
    expect(r.status).not.toBe(0);
    expect(r.status).not.toBeNull();
    expect(r.stderr).toMatch(message);
  });

  it.each([
    ['a parse error', ['eval', '(((']],
    ['an evaluation error', ['eval', 'v[4]', '--at', 'v=[1,2]']],
    ['a usage error', ['eval']],
    ['nesting too deep', ['parse', '-'.repeat(5000) + 'x']],
  ])('shows no stack trace for %s', (_, args) => {
    const r = gradlab(args);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: /);
    expect(r.stderr).not.toContain('    at ');
  });
});

describe('argument forms', () => {
  it.each([
    [['eval', '--', '-x^2', '--at', 'x=3'], '-9\n'],
    [['eval', '--', '-x', '--at', 'x=1'], '-1\n'],
    [['eval', '--at', 'x=3', '--', '-x^2'], '-9\n'],
    [['eval', '-x^2', '--at', 'x=3'], '-9\n'],
    [['eval', '--at', 'x=3', '-x^2'], '-9\n'],
    [['eval', '--at', 'x=3', 'x^2'], '9\n'],
    [['eval', '--at', 'x=1', '--at', 'y=2', 'x + y'], '3\n'],
    [['eval', '--at=x=2', '-2x'], '-4\n'],
    [['parse', '-x^2'], '-x^2\n'],
  ])('%j prints %j', (args, stdout) => {
    expect(gradlab(args)).toEqual({ status: 0, stdout, stderr: '' });
  });

  it('reads a dash-led expression among other options', () => {
    const r = gradlab(['eval', '--json', '-(x + 1)', '--at', 'x=1']);
    expect([r.status, json(r)]).toEqual([0, { value: -2 }]);
  });

  it('keeps a word that is one of the options an option: -f reads a file', () => {
    const r = gradlab(['eval', '-f', join(tmpdir(), 'gradlab-no-such-file.gl')]);
    expect(r.stderr).toMatch(/^error: cannot read '.*': no such file\n$/);
  });

  it.each([['--version'], ['-V']])('%s prints the package version', (flag) => {
    const { version } = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8'));
    expect(gradlab([flag])).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('usage errors', () => {
  it.each([
    [['eval', 'x', '--at', 'x=1,,y=2'], "error: --at has an empty entry in 'x=1,,y=2'"],
    [['eval', 'x', '--at', ''], 'error: --at is empty'],
    [['compare', 'x', '--at', 'x=1', '--methods', ''], 'error: --methods is empty'],
    [['compare', 'x', '--at', 'x=1', '--methods', 'finite,,reverse'], "error: --methods has an empty entry in 'finite,,reverse'"],
    [['eval', 'x', '--at', 'x=1', '--colour'], "error: unknown option '--colour' (see gradlab eval --help)"],
    [['eval', 'x', 'y', '--at', 'x=1'], "error: too many arguments for 'eval'. Expected 1 argument but got 2. (see gradlab eval --help)"],
    [['differentiate', 'x'], "error: unknown command 'differentiate' (see gradlab --help)"],
    [['eval', 'x', '--jsn'], "error: unknown option '--jsn' (Did you mean --json?)"],
  ])('%j prints one line and exits 1', (args, line) => {
    expect(gradlab(args)).toEqual({ status: 1, stdout: '', stderr: `${line}\n` });
  });

  // Each run spawns the CLI: a few dozen command lines, drawn from what people mistype.
  it('are one line on stderr, nothing on stdout, exit code 1, for any malformed command line (fast-check)', () => {
    const command = fc.constantFrom(['eval', 'x'], ['compare', 'x^2'], ['check', 'x^2', '--grad', 'x=2'], ['parse', 'x'], ['diff', 'x'], ['simplify', 'x']);
    const mistake = fc.constantFrom(
      ['--at'], ['--at', 'x'], ['--at', 'x=1,,y=2'], ['--at', ','], ['--at', 'x=1', '--at', 'x=2'], ['--at', 'x=1+'], ['--at', 'x=y'],
      ['--bogus'], ['-q'], ['--json=maybe'], ['extra', 'operands'], ['-f', 'no-such-file.gl'], ['--methods', ''], ['--methods', 'finite,,reverse'],
      ['--max-iterations', '0'], ['--max-iterations', 'many'], ['--grad-expr', 'x='], ['--wrt'],
    );
    fc.assert(
      fc.property(command, mistake, (cmd, wrong) => {
        const r = gradlab([...cmd, ...wrong]);
        expect(r.status).toBe(1);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(/^error: [^\n]+\n$/);
      }),
      { numRuns: 24 },
    );
  });
});

describe('help and tour', () => {
  it('--help shows the commands and examples', () => {
    const r = gradlab(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: gradlab');
    expect(r.stdout).toMatch(/eval .*\n.*parse .*\n.*tour/s);
    expect(r.stdout).toContain('Examples:\n  gradlab eval "2x + 3x^2 + x(6 - 2)" --at x=2');
  });

  it.each(['eval', 'parse'])('%s --help shows examples', (command) => {
    const r = gradlab([command, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Usage: gradlab ${command}`);
    expect(r.stdout).toContain(`Examples:\n  gradlab ${command} `);
  });

  it('tour prints each seed example, parsed, printed and evaluated', () => {
    const r = gradlab(['tour']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    for (const line of [
      '    2x + 3x^2 + x(6 - 2)',
      '  printed : 2x + 3x^2 + x * (6 - 2)',
      '  f(x=2) = 24',
      '    sin(x)^2 + cos(x)^2',
      '    while abs(x) > 5 {',
      '  f(x=12) = 9',
      '  f(x=3) = 9',
      '  f(x=-40) = 25',
      '  f(x=[1, 1, 1, 1]) = 0',
      '    sigmoid(w1 x1 + w2 x2 + b)',
      '  inputs  : w1, x1, w2, x2, b',
    ]) {
      expect(r.stdout.split('\n')).toContain(line);
    }
  });
});
