// The point typed beside the function: `x=1.5, v=[1, 2]`, each value a constant expression, and the
// text kept in step with the function's inputs (new inputs get a default, gone ones are dropped).
import { evaluate, GradlabError, type Point } from 'gradlab';

const DEFAULT_VALUE = '1.5';

/** `a=1, v=[1, 2]` → [['a', '1'], ['v', '[1, 2]']], splitting on commas outside brackets and parentheses. */
function entries(text: string): [string, string][] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const eq = p.indexOf('=');
      if (eq <= 0) throw new GradlabError('usage', `the point expects name=value pairs, not '${p}'`);
      return [p.slice(0, eq).trim(), p.slice(eq + 1).trim()];
    });
}

/** The point's values; every input must be given, and nothing else. */
export function parsePoint(text: string, inputs: readonly string[]): Point {
  const point: Record<string, number | number[]> = {};
  for (const [name, value] of entries(text)) {
    if (!inputs.includes(name)) throw new GradlabError('usage', `'${name}' is not an input of this function (its inputs: ${inputs.join(', ') || 'none'})`);
    point[name] = evaluate(value);
  }
  const missing = inputs.filter((name) => !(name in point));
  if (missing.length) throw new GradlabError('usage', `the point needs a value for ${missing.join(', ')}`);
  return point;
}

/** The point text for new inputs: values already typed are kept, new inputs get 1.5. */
export function alignPoint(text: string, inputs: readonly string[]): string {
  let known: Map<string, string>;
  try {
    known = new Map(entries(text));
  } catch {
    return text;
  }
  return inputs.map((name) => `${name}=${known.get(name) ?? DEFAULT_VALUE}`).join(', ');
}
