// `gradlab gradbench`: gradlab as a GradBench tool, speaking its protocol on stdin and stdout.
import { Command, Option } from 'commander';
import { differentiator, METHODS } from '../diff/registry';
import { serve } from '../gradbench/serve';
import { Tool } from '../gradbench/tool';

export function addGradbenchCommand(cli: Command): void {
  cli
    .command('gradbench')
    .description("act as a GradBench tool: the eval's messages on stdin, one response line each on stdout")
    .addOption(new Option('--method <name>', 'how derivatives are taken').choices(METHODS).default('reverse'))
    .addHelpText('after', `
Examples:
  gradbench run --eval "gradbench eval llsq" --tool "npx gradlab gradbench"
  echo '{"id": 0, "kind": "start"}' | gradlab gradbench --method forward`)
    .action(async (opts: { method: string }) => {
      await serve(new Tool({ method: differentiator(opts.method) }), { input: process.stdin, output: process.stdout, errors: process.stderr });
    });
}
