// How the CLI writes results: JSON that survives non-finite numbers, and readable numbers.

/** JSON with Infinity and -Infinity written as strings, since JSON has no such numbers. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2);
}

export function formatValue(v: number | readonly number[]): string {
  return typeof v === 'number' ? formatNumber(v) : `[${v.map(formatNumber).join(', ')}]`;
}

export function formatNumber(x: number): string {
  return String(x);
}
