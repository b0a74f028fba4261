// How the renderers write numbers: durations, digits, ratios and plain figures, with null as a dash.

export const DASH = '—';

/** A figure to about three significant digits: 0.0123 → 0.0123, 123456 → 1.23e+5. */
export function figure(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return DASH;
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(2).replace(/\.?0+e/, 'e');
  return String(Number(x.toPrecision(3)));
}

/** A value to six significant digits, for results compared by eye with a reference. */
export function precise(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return DASH;
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  const a = Math.abs(x);
  return a !== 0 && (a >= 1e7 || a < 1e-4) ? x.toExponential(5).replace(/\.?0+e/, 'e') : String(Number(x.toPrecision(6)));
}

/** Whole counts with thousands separators: 12345 → 12,345. */
export function count(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  return Math.round(x).toLocaleString('en-US');
}

/** Seconds in the unit that suits them: 1.2 µs, 3.45 ms, 2.1 s. */
export function duration(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return DASH;
  if (s === 0) return '0 s';
  const units: [number, string][] = [[1, 's'], [1e-3, 'ms'], [1e-6, 'µs'], [1e-9, 'ns']];
  const [scale, unit] = units.find(([u]) => s >= u) ?? units[units.length - 1];
  return `${Number((s / scale).toPrecision(3))} ${unit}`;
}

/** Correct digits, one decimal: 15.3. */
export function digits(d: number | null | undefined): string {
  return d === null || d === undefined || !Number.isFinite(d) ? DASH : d.toFixed(1);
}

/** A ratio as a factor: 3.2×, 0.41×. */
export function ratio(r: number | null | undefined): string {
  const f = figure(r);
  return f === DASH ? f : `${f}×`;
}

/** A relative error in scientific notation: 1.2e-11 (0 stays 0). */
export function sci(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return DASH;
  if (!Number.isFinite(x)) return '∞';
  return x === 0 ? '0' : x.toExponential(1);
}

/** A quotient that is null unless both sides are finite and the divisor is positive. */
export function quotient(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : null;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Distinct values in order of first appearance. */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** One line of text, at most `max` characters (error messages can run long). */
export function clip(text: string, max = 140): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
