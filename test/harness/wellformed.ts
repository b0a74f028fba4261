// Is an HTML page well-formed? parse5 reports what its tokenizer finds (bad attributes, bad
// characters), but its tree builder mends bad nesting silently; a stack of open tags catches that.
import { parse, type ParserError } from 'parse5';

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** Every problem found, as a short message; an empty list means well-formed. */
export function wellFormedErrors(page: string): string[] {
  const errors: string[] = [];
  parse(page, { onParseError: (e: ParserError) => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
  const text = page.replace(/<!--[\s\S]*?-->/g, '').replace(/(<style[^>]*>)[\s\S]*?(<\/style>)/g, '$1$2');
  const open: string[] = [];
  for (const m of text.matchAll(/<(\/?)([A-Za-z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g)) {
    const [, closing, rawName, , selfClosing] = m;
    const name = rawName.toLowerCase();
    if (closing) {
      const top = open.pop();
      if (top !== name) errors.push(`</${name}> closes <${top ?? 'nothing'}>`);
    } else if (!selfClosing && !VOID.has(name)) open.push(name);
  }
  if (open.length) errors.push(`unclosed: ${open.map((n) => `<${n}>`).join(' ')}`);
  if (!/^<!DOCTYPE html>/i.test(page)) errors.push('no <!DOCTYPE html>');
  return errors;
}
