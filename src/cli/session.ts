// What the running command is working on, so a failure can be reported against its source.
import type { Program } from '../ast';
import { programOf, readSource, type Source } from './inputs';

export const session: { source?: Source; json: boolean } = { json: false };

/** Reads and parses the command's source (argument, -f file or stdin), remembering it. */
export function load(expr: string | undefined, file: string | undefined, json: boolean | undefined): Program {
  session.json = !!json;
  session.source = readSource(expr, file);
  return programOf(session.source);
}

export function write(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : text + '\n');
}
