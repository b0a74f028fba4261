// JSON that survives non-finite numbers: Infinity and -Infinity written as strings, since JSON
// has no such numbers. Used by every file gradlab writes and every `--json`.
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2);
}
