// report.md: a section per study with what it shows, what this run found, and its tables.
import type { Results } from '../types';
import { STUDIES } from '../types';
import { machineLine, studiesRun, type Table } from './model';
import { sections } from './sections';

/** A cell that cannot break the table: pipes escaped, one line. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

export function markdownTable(t: Table): string {
  const rule = t.numeric.map((n) => (n ? '---:' : '---'));
  const lines = [
    ...(t.caption ? [`*${t.caption}*`, ''] : []),
    `| ${t.head.map(cell).join(' | ')} |`,
    `| ${rule.join(' | ')} |`,
    ...(t.rows.length ? t.rows.map((r) => `| ${r.map(cell).join(' | ')} |`) : [`| ${t.head.map((_, i) => (i === 0 ? '(no rows)' : '')).join(' | ')} |`]),
  ];
  return lines.join('\n');
}

export function markdown(results: Results): string {
  const run = studiesRun(results);
  const missing = STUDIES.filter((s) => !run.includes(s));
  const out = [
    '# gradlab benchmark report',
    '',
    machineLine(results),
    '',
    `Studies: ${run.join(', ') || 'none'}${missing.length ? ` (not run: ${missing.join(', ')})` : ''}. The charts are in index.html and beside this file as SVG.`,
  ];
  for (const s of sections(results)) {
    out.push('', `## ${s.title}`, '', s.shows);
    if (s.findings.length) out.push('', ...s.findings.map((f) => `- ${f}`));
    for (const c of s.charts) out.push('', `![${c} chart](${c}.svg)`, ...(s.captions?.[c] ? ['', `*${s.captions[c]}*`] : []));
    for (const t of s.tables) out.push('', markdownTable(t));
  }
  return out.join('\n') + '\n';
}
