// Where an expression that starts with `-` goes: commander would read it as an option, so the
// arguments are reordered before it sees them.
import type { Command, Option } from 'commander';

/**
 * For a command that takes one expression (`eval [expr]`), moves the expression behind a final
 * `--`, where commander takes it as the operand, when it would otherwise read as an option:
 *   gradlab eval "-x^2" --at x=3       a dash-led word that is no option of the command
 *   gradlab eval -- "-x^2" --at x=3    `--` marking the argument after it, options following
 * both become `gradlab eval --at x=3 -- "-x^2"`. A word that is one of the command's options
 * (`-f`, `-h`, or any `--word`) stays an option; that expression needs the `--`.
 */
export function expressionLast(cli: Command, argv: readonly string[]): string[] {
  const at = argv.findIndex((a, i) => i >= 2 && !a.startsWith('-'));
  const cmd = at < 0 ? undefined : cli.commands.find((c) => c.name() === argv[at] || c.aliases().includes(argv[at]));
  const args = cmd?.registeredArguments;
  if (!cmd || args?.length !== 1 || args[0].variadic) return [...argv];
  const rest = argv.slice(at + 1);
  const kept: string[] = [];
  let expr: string | undefined;
  let operands = 0;
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i];
    if (word === '--') {
      // `-- EXPR` with options after it; anything else after `--` is left to commander.
      if (expr !== undefined || operands > 0 || i + 1 >= rest.length || rest.slice(i + 2).includes('--')) return [...argv];
      expr = rest[i + 1];
      kept.push(...rest.slice(i + 2));
      break;
    }
    const option = optionOf([...cmd.options, ...cli.options], word);
    if (option) {
      kept.push(word);
      if (takesNext(option, word, rest[i + 1])) kept.push(rest[++i]);
    } else if (word.startsWith('-') && !word.startsWith('--') && word !== '-' && expr === undefined && operands === 0) {
      expr = word;
    } else {
      if (!word.startsWith('-')) operands++;
      kept.push(word);
    }
  }
  return expr === undefined ? [...argv] : [...argv.slice(0, at + 1), ...kept, '--', expr];
}

/** Which of the command's options (its own, then gradlab's) `word` names: `--at`, `--at=x=1`,
 *  `-f`, `-fprog.gl`; help included. */
function optionOf(options: readonly Option[], word: string): Option | 'flag' | undefined {
  if (word === '-h' || word === '--help') return 'flag';
  if (word.startsWith('--')) {
    const name = word.split('=')[0];
    return options.find((o) => o.long === name) ?? 'flag';
  }
  return options.find((o) => o.short !== undefined && word.startsWith(o.short));
}

function takesNext(option: Option | 'flag', word: string, next: string | undefined): boolean {
  if (option === 'flag' || word.includes('=') || (option.short && word.length > 2 && !word.startsWith('--'))) return false;
  return option.required || (option.optional && next !== undefined && !next.startsWith('-'));
}
