// The `gradlab` command: parses arguments with commander, calls the library, prints. Defining the
// commands loads nothing heavy; each action imports what it runs when it runs, so `--help` and a
// small `eval` start about as fast as node itself.
import { Command, CommanderError, Option } from 'commander';
import { GradlabError, formatError } from './errors';
import { expressionLast } from './cli/argv';
import { collect, positiveInt } from './cli/options';
import { session, write } from './cli/session';
import { addDifferentiationCommands } from './cli/differentiate';
import { addTrainCommand } from './cli/train';
import { addDemoCommand } from './cli/demo';
import { addBenchCommand } from './cli/bench';
import { addCheckCommand } from './cli/check';
import { addGradbenchCommand } from './cli/gradbench';
import { VERSION } from './cli/version';
import { toJson } from './report/json';

interface Common {
  file?: string;
  json?: boolean;
}

function program(): Command {
  const cli = new Command('gradlab')
    .description('Four ways to differentiate the same program, side by side.')
    .version(VERSION, '-V, --version', 'print the version')
    .option('--fn <name>', 'with -f FILE.js or FILE.ts: the function to take (default: the only one)')
    .hook('preAction', async (root) => {
      const fn = root.opts().fn;
      if (fn !== undefined) (await import('./cli/inputs')).chooseFunction(fn);
    })
    .exitOverride();

  cli
    .command('eval')
    .description('evaluate an expression or program at a point')
    .argument('[expr]', "source text; '-' reads standard input")
    .option('-f, --file <path>', "read the program from a file ('-' for standard input)")
    .option('--at <point>', 'input values: x=1,y=2 or v=[1,2,3]; constants like pi/4 allowed; may be repeated', collect)
    .addOption(new Option('--max-iterations <n>', 'loop iterations allowed in one run').default(1_000_000).argParser(positiveInt))
    .option('--json', 'print {"value": ...} instead of text')
    .addHelpText('after', `
Examples:
  gradlab eval "2x + 3x^2 + x(6 - 2)" --at x=2
  gradlab eval "-x^2" --at x=3
  gradlab eval -f prog.gl --at x=12
  gradlab eval "sum(v)" --at v=[1,2,3] --json
  echo "sin(x)^2 + cos(x)^2" | gradlab eval - --at x=0.3`)
    .action(async (expr: string | undefined, opts: Common & { at?: string[]; maxIterations: number }) => {
      const { load } = await import('./cli/load');
      const { parsePoint } = await import('./cli/inputs');
      const { evaluate } = await import('./evaluate');
      const { formatValue } = await import('./cli/output');
      const prog = load(expr, opts.file, opts.json);
      const value = evaluate(prog, parsePoint(opts.at ?? []), { maxIterations: opts.maxIterations });
      write(opts.json ? toJson({ value }) : formatValue(value));
    });

  cli
    .command('parse')
    .description('parse source and print it back: canonical text, LaTeX, inputs')
    .argument('[expr]', "source text; '-' reads standard input")
    .option('-f, --file <path>', "read the program from a file ('-' for standard input)")
    .option('--latex', 'print LaTeX instead of gradlab text')
    .option('--json', 'print {"printed", "latex", "inputs", "ast"}')
    .addHelpText('after', `
Examples:
  gradlab parse "2x + 3x^2 + x(6 - 2)"
  gradlab parse "x^2 / (1 + sqrt(x))" --latex
  gradlab parse -f prog.gl --json`)
    .action(async (expr: string | undefined, opts: Common & { latex?: boolean }) => {
      const { load } = await import('./cli/load');
      const { print } = await import('./print/print');
      const { toLatex } = await import('./print/latex');
      const { inputsOf } = await import('./interpret/inputs');
      const prog = load(expr, opts.file, opts.json);
      if (opts.json) {
        write(toJson({ printed: print(prog), latex: toLatex(prog), inputs: inputsOf(prog).map((u) => u.name), ast: prog }));
      } else {
        write(opts.latex ? toLatex(prog) : print(prog));
      }
    });

  addDifferentiationCommands(cli);
  addTrainCommand(cli);
  addDemoCommand(cli);
  addCheckCommand(cli);
  addBenchCommand(cli);
  addGradbenchCommand(cli);

  cli
    .command('tour')
    .description('the built-in default: seed examples parsed, printed and evaluated')
    .action(async () => write((await import('./cli/tour')).tour()));

  cli.addHelpText('after', `
Examples:
  gradlab eval "2x + 3x^2 + x(6 - 2)" --at x=2
  gradlab parse "sin(x)^2 + cos(x)^2" --latex
  gradlab check "x^2 y" --at x=1,y=2 --grad x=4,y=1
  gradlab bench --quick
  gradlab tour`);
  for (const cmd of cli.commands) cmd.configureOutput({ outputError: (message, print) => print(oneLine(message, cmd)) });
  cli.configureOutput({ outputError: (message, print) => print(oneLine(message, cli)) });
  return cli;
}

/**
 * commander's usage errors as one line. Where the fix is in the command's options or arguments,
 * the line ends by naming the help that lists them; messages that already say what is allowed
 * (a bad value, with its choices) end there.
 */
function oneLine(message: string, cmd: Command): string {
  const text = message.trim().split('\n').map((l) => l.trim()).join(' ');
  const help = cmd.parent ? `gradlab ${cmd.name()} --help` : 'gradlab --help';
  const pointsAtHelp = /^error: (unknown (option|command)|too many arguments|missing required argument)/.test(text) && !text.includes('Did you mean');
  return `${text}${pointsAtHelp ? ` (see ${help})` : ''}\n`;
}

function fail(err: unknown): number {
  if (err instanceof CommanderError) {
    // commander has printed its message already; --help and --version end here with 0.
    return err.exitCode;
  }
  if (err instanceof GradlabError) {
    if (session.json) write(toJson({ error: { code: err.code, message: err.message, line: err.line ?? null, column: err.column ?? null } }));
    process.stderr.write(formatError(err, session.source?.text) + '\n');
    return 1;
  }
  process.stderr.write(`internal error: ${(err as Error)?.message ?? String(err)}\n(this is a bug in gradlab; please report it with the command that caused it)\n`);
  return 2;
}

// A reader that stops early (`gradlab --help | head`) is no error of ours.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(0);
});

const cli = program();
cli.parseAsync(expressionLast(cli, process.argv)).catch((err: unknown) => {
  process.exitCode = fail(err);
});
