// The protocol loop: a message a line in, exactly one response line out before the next is read;
// a line without a usable id has nobody to answer, so its error goes to stderr.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { parseMessage, ProtocolError } from './protocol';
import type { Tool } from './tool';

export interface Streams {
  readonly input: Readable;
  readonly output: Writable;
  readonly errors: Writable;
}

export async function serve(tool: Tool, { input, output, errors }: Streams): Promise<void> {
  // A failed write is handled where it is awaited; without a listener it would also be thrown.
  output.on('error', () => {});
  let lineNumber = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber++;
    if (line.trim() === '') continue;
    let response;
    try {
      response = tool.respond(parseMessage(line));
    } catch (err) {
      if (!(err instanceof ProtocolError)) throw err;
      if (err.id === undefined) {
        errors.write(`gradlab gradbench: line ${lineNumber}: ${err.message}\n`);
        continue;
      }
      response = { id: err.id, success: false, code: err.code, error: err.message };
    }
    try {
      await writeLine(output, JSON.stringify(response));
    } catch (err) {
      // The eval has gone (it closed its end of the pipe): nobody is left to answer.
      if ((err as NodeJS.ErrnoException).code === 'EPIPE') return;
      throw err;
    }
  }
}

/** Waits for the line to be taken, so responses never pile up behind a slow reader. */
function writeLine(output: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => output.write(`${text}\n`, (err) => (err ? reject(err) : resolve())));
}
