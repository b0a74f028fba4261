// GradBench's protocol (github.com/gradbench/gradbench, CONTRIBUTING.md): the messages an eval
// sends, one JSON object a line, read into typed values; anything else is a typed error.
import { GradlabError } from '../errors';

export type Id = number;

export type Message =
  | { readonly id: Id; readonly kind: 'start'; readonly eval?: string; readonly config?: unknown }
  | { readonly id: Id; readonly kind: 'define'; readonly module: string }
  | { readonly id: Id; readonly kind: 'evaluate'; readonly module: string; readonly function: string; readonly input: unknown; readonly description?: string }
  /** `analysis`, and any kind the protocol adds later: acknowledged with the id alone. */
  | { readonly id: Id; readonly kind: 'other'; readonly name: string };

export interface Timing {
  readonly name: 'evaluate' | 'prepare';
  readonly nanoseconds: number;
}

export type Response =
  | { readonly id: Id; readonly tool?: string; readonly config?: unknown }
  | { readonly id: Id; readonly success: true; readonly output?: unknown; readonly timings?: readonly Timing[] }
  | { readonly id: Id; readonly success: false; readonly error: string; readonly code: string };

/** A line that is not a message. `id` is set when the line had a usable one, so an eval still
 *  gets its answer; without it there is nobody to answer, and the message goes to stderr. */
export class ProtocolError extends GradlabError {
  constructor(
    message: string,
    readonly id: Id | undefined,
  ) {
    super('syntax', message);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One line of the eval's output as a message. */
export function parseMessage(line: string): Message {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (err) {
    throw new ProtocolError(`not JSON (${(err as Error).message}): ${excerpt(line)}`, undefined);
  }
  if (!isObject(json)) throw new ProtocolError(`a message is a JSON object, got ${excerpt(line)}`, undefined);
  const id = json.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
    throw new ProtocolError(`a message needs an "id" that is a whole number ≥ 0, got ${excerpt(JSON.stringify(id ?? null))}`, undefined);
  }
  const field = (name: string): string => {
    const v = json[name];
    if (typeof v !== 'string') throw new ProtocolError(`a "${String(json.kind)}" message needs a string "${name}", got ${excerpt(JSON.stringify(v ?? null))}`, id);
    return v;
  };
  switch (json.kind) {
    case 'start':
      return { id, kind: 'start', eval: typeof json.eval === 'string' ? json.eval : undefined, config: json.config };
    case 'define':
      return { id, kind: 'define', module: field('module') };
    case 'evaluate':
      if (!('input' in json)) throw new ProtocolError('an "evaluate" message needs an "input"', id);
      return {
        id,
        kind: 'evaluate',
        module: field('module'),
        function: field('function'),
        input: json.input,
        description: typeof json.description === 'string' ? json.description : undefined,
      };
    default:
      if (typeof json.kind !== 'string') throw new ProtocolError(`a message needs a string "kind", got ${excerpt(JSON.stringify(json.kind ?? null))}`, id);
      return { id, kind: 'other', name: json.kind };
  }
}

function excerpt(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
