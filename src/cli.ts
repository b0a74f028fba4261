// The `gradlab` command: parses arguments with commander, calls the library, prints.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { GradlabError, formatError } from './errors';
import { evaluate } from './evaluate';
import { inputsOf } from './interpret/inputs';
import { print } from './print/print';
import { toLatex } from './print/latex';
import { chooseFunction, parsePoint } from './cli/inputs';
import { load, session, write } from './cli/session';
import { addDifferentiationCommands } from './cli/differentiate';
import { addTrainCommand } from './cli/train';
import { addDemoCommand } from './cli/demo';
import { addBenchCommand } from './cli/bench';
import { addCheckCommand } from './cli/check';
import { addGradbenchCommand } from './cli/gradbench';
import { formatValue } from './cli/output';
import { toJson } from './report/json';
import { tour } from './cli/tour';

interface Common {
  file?: string;
  json?: boolean;
}


function program(): Command {
  const cli = new Command('gradlab')
    .description('Four ways to differentiate the same program, side by side.')
    .showHelpAfterError('(run gradlab --help for usage)')
    .option('--fn <name>', 'with -f FILE.js or FILE.ts: the function to take (default: the only one)')
    .hook('preAction', (root) => chooseFunction(root.opts().fn))
    .exitOverride();

  cli
    .command('eval')
    .description('evaluate an expression or program at a point')
    .argument('[expr]', "source text; '-' reads standard input")
    .option('-f, --file <path>', "read the program from a file ('-' for standard input)")
    .option('--at <point...>', 'input values: x=1,y=2 or v=[1,2,3]; constants like pi/4 allowed', [])
    .addOption(new Option('--max-iterations <n>', 'loop iterations allowed in one run').default(1_000_000).argParser(positiveInt))
    .option('--json', 'print {"value": ...} instead of text')
    .addHelpText('after', `
Examples:
  gradlab eval "2x + 3x^2 + x(6 - 2)" --at x=2
  gradlab eval -f prog.gl --at x=12
  gradlab eval "sum(v)" --at v=[1,2,3] --json
  echo "sin(x)^2 + cos(x)^2" | gradlab eval - --at x=0.3`)
    .action((expr: string | undefined, opts: Common & { at: string[]; maxIterations: number }) => {
      const prog = load(expr, opts.file, opts.json);
      const value = evaluate(prog, parsePoint(opts.at), { maxIterations: opts.maxIterations });
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
    .action((expr: string | undefined, opts: Common & { latex?: boolean }) => {
      const prog = load(expr, opts.file, opts.json);
      if (opts.json) {
        write(toJson({ printed: print(prog), latex: toLatex(prog), inputs: inputsOf(prog).map((u) => u.name), ast: prog }));
      } else {
        write(opts.latex ? toLatex(prog) : print(prog));
      }
    });

  addDifferentiationCommands(cli, positiveInt);
  addTrainCommand(cli);
  addDemoCommand(cli);
  addCheckCommand(cli);
  addBenchCommand(cli);
  addGradbenchCommand(cli);

  cli
    .command('tour')
    .description('the built-in default: seed examples parsed, printed and evaluated')
    .action(() => write(tour()));

  cli.addHelpText('after', `
Examples:
  gradlab eval "2x + 3x^2 + x(6 - 2)" --at x=2
  gradlab parse "sin(x)^2 + cos(x)^2" --latex
  gradlab check "x^2 y" --at x=1,y=2 --grad x=4,y=1
  gradlab bench --quick
  gradlab tour`);
  return cli;
}

function positiveInt(v: string): number {
  const n = Number(v);
  // commander prints an InvalidArgumentError's message, with the option's name, before exiting.
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive whole number.');
  return n;
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

program()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    process.exitCode = fail(err);
  });
