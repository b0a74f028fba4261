// What the running command is working on, so a failure can be reported against its source.
// Imports nothing that runs: the entry point reads it at start-up to report errors.
import type { Source } from './inputs';

export const session: { source?: Source; json: boolean } = { json: false };

export function write(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : text + '\n');
}
