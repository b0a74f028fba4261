// How the CLI writes values for people.

export function formatValue(v: number | readonly number[]): string {
  return typeof v === 'number' ? String(v) : `[${v.map(String).join(', ')}]`;
}
