// `gradlab gradbench`: gradlab as a GradBench tool, speaking its protocol on stdin and stdout.
import { Command, Option } from 'commander';

export function addGradbenchCommand(cli: Command): void {
  const method = new Option('--method <name>', 'how derivatives are taken').default('reverse');
  // The methods are listed beside the differentiators, more than start-up should load: their
  // choices join the option only when `gradbench` is what runs.
  const command = cli.command('gradbench');
  cli.hook('preSubcommand', async (_, sub) => {
    if (sub === command) method.choices((await import('../diff/registry')).METHODS);
  });
  command
    .description("act as a GradBench tool: the eval's messages on stdin, one response line each on stdout")
    .addOption(method)
    .addHelpText('after', `
Examples:
  gradbench run --eval "gradbench eval llsq" --tool "npx gradlab gradbench"
  echo '{"id": 0, "kind": "start"}' | gradlab gradbench --method forward`)
    .action(async (opts: { method: string }) => {
      const { differentiator } = await import('../diff/registry');
      const { serve } = await import('../gradbench/serve');
      const { Tool } = await import('../gradbench/tool');
      await serve(new Tool({ method: differentiator(opts.method) }), { input: process.stdin, output: process.stdout, errors: process.stderr });
    });
}
