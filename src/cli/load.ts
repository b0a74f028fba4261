// Reading and parsing a command's source, remembered in the session for error reports.
import type { Program } from '../ast';
import { programOf, readSource } from './inputs';
import { session } from './session';

/** Reads and parses the command's source (argument, -f file or stdin), remembering it. */
export function load(expr: string | undefined, file: string | undefined, json: boolean | undefined): Program {
  session.json = !!json;
  session.source = readSource(expr, file);
  return programOf(session.source);
}
