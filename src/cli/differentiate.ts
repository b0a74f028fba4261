// The differentiation commands: compare, diff and simplify. Each action imports what it runs:
// compare's 50-digit reference brings mathjs, which nothing else should wait for.
import { Command, Option } from 'commander';
import type { Expr, Program } from '../ast';
import { UsageError } from '../errors';
import { toJson } from '../report/json';
import { collect, commaList, positiveInt, positiveNumber } from './options';
import { write } from './session';

interface Sourced {
  file?: string;
  json?: boolean;
}

interface CompareFlags {
  at?: string[];
  methods: string[];
  maxIterations: number;
  engine: 'compiled' | 'interpreted';
  referenceTimeLimit: number;
}

function only(prog: Program): Expr {
  const s = prog.body[0];
  if (prog.body.length !== 1 || s.kind !== 'expr') throw new UsageError('simplify takes a single expression, not a program');
  return s.value;
}

export function addDifferentiationCommands(cli: Command): void {
  // The methods are the registry's, more than start-up should load: they join the option (its
  // help and its default) only when `compare` is what runs.
  const methods = new Option('--methods <list>', 'comma-separated method names, finite:<scheme>, all').argParser(commaList('--methods'));
  const command = cli.command('compare');
  cli.hook('preSubcommand', async (_, sub) => {
    if (sub !== command) return;
    const { METHODS } = await import('../diff/registry');
    methods.description = `comma-separated: ${METHODS.join(', ')}, finite:<scheme>, all`;
    methods.default([...METHODS], METHODS.join(','));
  });
  command
    .description('every method on the same function and point, judged against a 50-digit reference')
    .argument('[expr]', "source text; '-' reads standard input")
    .option('-f, --file <path>', "read the program from a file ('-' for standard input)")
    .option('--at <point>', 'input values: x=1,y=2 or v=[1,2,3]; may be repeated', collect)
    .addOption(methods)
    .addOption(new Option('--max-iterations <n>', 'loop iterations allowed in one run').default(1_000_000).argParser(positiveInt))
    .addOption(new Option('--engine <engine>', 'generated JavaScript or the interpreters').choices(['compiled', 'interpreted']).default('compiled'))
    .addOption(new Option('--reference-time-limit <seconds>', 'seconds the 50-digit reference may take before it gives up').default(30).argParser(positiveNumber))
    .option('--json', 'print {"at", "value", "reference", "methods": [...], "warnings"}')
    .addHelpText('after', `
Schemes for finite: forward, backward, central (the default), five-point, richardson, complex-step.
Examples:
  gradlab compare "x^x" --at x=1.5
  gradlab compare -f prog.gl --at x=12
  gradlab compare "[x*y, sin(x)]" --at x=1,y=2 --methods all --json
  gradlab compare "tan(5^x)" --at x=30 --reference-time-limit 5 --engine interpreted`)
    .action(async (expr: string | undefined, opts: Sourced & CompareFlags) => {
      const { load } = await import('./load');
      const { parsePoint } = await import('./inputs');
      const { compile, layoutOf, slotName } = await import('../diff/fn');
      const { formatComparison } = await import('./report');
      const prog = load(expr, opts.file, opts.json);
      const at = parsePoint(opts.at ?? []);
      const fn = compile(prog);
      // After the arguments are read: a usage error need not wait for the reference's mathjs.
      const { compare } = await import('../diff/compare');
      const result = compare(fn, at, {
        methods: opts.methods,
        maxIterations: opts.maxIterations,
        engine: opts.engine,
        referenceTimeLimit: opts.referenceTimeLimit,
      });
      const layout = layoutOf(fn, at);
      const labels = Array.from({ length: layout.n }, (_, j) => slotName(layout, j));
      write(opts.json ? toJson(result) : formatComparison(result, labels));
    });

  cli
    .command('diff')
    .description('the simplified symbolic derivative')
    .argument('[expr]', "source text; '-' reads standard input")
    .option('-f, --file <path>', 'read a straight-line program from a file')
    .option('--wrt <name>', 'the variable (default: the only input)')
    .option('--latex', 'print LaTeX')
    .option('--json', 'print {"derivative", "treeNodes", "dagNodes"}')
    .addHelpText('after', `
Examples:
  gradlab diff "2x + 3x^2 + x(6 - 2)"
  gradlab diff "x^2 y + sin(x y)" --wrt y --latex`)
    .action(async (expr: string | undefined, opts: Sourced & { wrt?: string; latex?: boolean }) => {
      const { load } = await import('./load');
      const { compile } = await import('../diff/fn');
      const { differentiate } = await import('../diff/symbolic');
      const { print } = await import('../print/print');
      const { toLatex } = await import('../print/latex');
      const prog = load(expr, opts.file, opts.json);
      const inputs = compile(prog).inputs;
      const wrt = opts.wrt ?? (inputs.length === 1 ? inputs[0] : undefined);
      if (!wrt) throw new UsageError(`say which variable with --wrt (inputs: ${inputs.join(', ') || 'none'})`);
      const body = prog.body.length === 1 && prog.body[0].kind === 'expr' ? prog.body[0].value : prog;
      const d = differentiate(body, wrt);
      const render = opts.latex ? toLatex : print;
      const text =
        d.pieces.length === 1 && d.pieces[0].when.length === 0
          ? render(d.pieces[0].expr)
          : d.pieces.map((p) => `${render(p.expr)}    where ${p.when.map((c) => render(c)).join(opts.latex ? ' \\land ' : ' and ')}`).join('\n');
      write(opts.json ? toJson({ derivative: text, treeNodes: d.treeNodes, dagNodes: d.dagNodes, complete: d.complete }) : text);
    });

  cli
    .command('simplify')
    .description('simplify an expression')
    .argument('[expr]', "source text; '-' reads standard input")
    .option('--latex', 'print LaTeX')
    .option('--json', 'print {"simplified", "treeNodes", "dagNodes"}')
    .addHelpText('after', `
Examples:
  gradlab simplify "sin(x)^2 + cos(x)^2"
  gradlab simplify "x*x + 2x + x"`)
    .action(async (expr: string | undefined, opts: { latex?: boolean; json?: boolean }) => {
      const { load } = await import('./load');
      const { simplify } = await import('../symbolic/simplify');
      const { sizes } = await import('../diff/chain');
      const { print } = await import('../print/print');
      const { toLatex } = await import('../print/latex');
      const e = only(load(expr, undefined, opts.json));
      const s = simplify(e);
      const text = (opts.latex ? toLatex : print)(s.expr);
      write(opts.json ? toJson({ simplified: text, ...sizes([s.expr]), complete: s.complete }) : text);
    });
}
