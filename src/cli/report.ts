// Human-readable renderings of compare results and derivatives for the terminal.
import type { Comparison, MethodResult } from '../diff/compare';

function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-4 && a < 1e7 ? String(Number(x.toPrecision(15))) : x.toExponential(12).replace(/\.?0+e/, 'e');
}

function duration(s: number | undefined): string {
  if (s === undefined) return '';
  if (s < 1e-6) return `${(s * 1e9).toFixed(0)} ns`;
  if (s < 1e-3) return `${(s * 1e6).toFixed(1)} µs`;
  if (s < 1) return `${(s * 1e3).toFixed(1)} ms`;
  return `${s.toFixed(2)} s`;
}

function flatValues(r: MethodResult | NonNullable<Comparison['reference']>): number[] {
  if (Array.isArray(r)) return r.flat();
  return Object.values(r).flatMap((v) => (typeof v === 'number' ? [v] : v));
}

function shown(values: readonly number[]): string {
  const head = values.slice(0, 4).map(num).join(', ');
  return values.length > 4 ? `[${head}, … ${values.length - 4} more]` : values.length === 1 ? head : `[${head}]`;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

export function formatComparison(c: Comparison, labels: readonly string[]): string {
  const lines: string[] = [];
  const at = Object.entries(c.at).map(([k, v]) => `${k}=${typeof v === 'number' ? num(v) : `[${Array.from(v, num).join(', ')}]`}`).join(', ');
  lines.push(`at ${at}`);
  lines.push(`value      ${typeof c.value === 'number' ? num(c.value) : shown(c.value)}`);
  const what = Array.isArray(c.reference) ? 'Jacobian' : `∂/∂(${labels.join(', ')})`;
  lines.push(c.reference ? `reference  ${shown(flatValues(c.reference))}   (${what}, forward mode in 50 digits)` : `reference  none: ${c.referenceError}`);
  lines.push('');
  const rows = c.methods.map((m) => {
    const value = m.ok ? shown(m.gradient ? flatValues(m.gradient) : (m.jacobian ?? []).flat()) : '';
    return [m.method, m.ok ? 'ok' : 'failed', value, m.ok ? (m.relError === 0 ? '0' : m.relError!.toExponential(1)) : '', duration(m.seconds)];
  });
  const header = ['method', '', 'result', 'rel. error', 'time/call'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  lines.push(header.map((h, i) => pad(h, widths[i])).join('  ').trimEnd());
  for (const [k, r] of rows.entries()) {
    lines.push(r.map((cell, i) => pad(cell, widths[i])).join('  ').trimEnd());
    const m = c.methods[k];
    if (!m.ok) lines.push(`  ${m.error}`);
  }
  for (const w of c.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}
