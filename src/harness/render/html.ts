// index.html: the report as one self-contained page (inline CSS, charts as inline SVG, no scripts,
// no external URLs), with the same sections and tables as report.md.
import type { Results } from '../types';
import { STUDIES } from '../types';
import { machineLine, studiesRun, type Table } from './model';
import { sections } from './sections';

export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * An SVG made fit to sit inline beside others: ids (clip paths, gradients) prefixed so two charts
 * cannot capture each other's references, and the XLink namespace dropped when unused, since inline
 * SVG in HTML needs no namespace declarations and the page is to name no URL but the SVG one.
 */
export function inlineSvg(svg: string, prefix: string): string {
  const body = svg.replace(/^<\?xml[^>]*>\s*/, '');
  const ids = [...body.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  let out = body;
  for (const id of new Set(ids)) {
    const quoted = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out
      .replace(new RegExp(`(\\sid=")${quoted}"`, 'g'), `$1${prefix}-${id}"`)
      .replace(new RegExp(`url\\(#${quoted}\\)`, 'g'), `url(#${prefix}-${id})`)
      .replace(new RegExp(`(href=")#${quoted}"`, 'g'), `$1#${prefix}-${id}"`);
  }
  if (!/\sxlink:[a-z]+=/.test(out)) out = out.replace(/\s+xmlns:xlink="[^"]*"/, '');
  return out;
}

function htmlTable(t: Table): string {
  const align = (i: number) => (t.numeric[i] ? ' class="num"' : '');
  const rows = t.rows.length ? t.rows : [t.head.map((_, i) => (i === 0 ? '(no rows)' : ''))];
  return [
    '<div class="scroll">',
    '<table>',
    ...(t.caption ? [`<caption>${escape(t.caption)}</caption>`] : []),
    `<thead><tr>${t.head.map((h, i) => `<th${align(i)}>${escape(h)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((r) => `<tr>${r.map((c, i) => `<td${align(i)}>${escape(c)}</td>`).join('')}</tr>`),
    '</tbody>',
    '</table>',
    '</div>',
  ].join('\n');
}

const STYLE = `
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; margin: 0 auto; padding: 1.5rem; max-width: 72rem; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; margin-top: 2.5rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
.machine { color: #666; font-size: 0.9rem; }
nav a { margin-right: 1rem; }
figure { margin: 1rem 0; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 0.85rem; }
figcaption { color: #444; font-size: 0.9rem; margin-top: 0.3rem; }
caption { text-align: left; font-style: italic; color: #555; padding-bottom: 0.3rem; }
th, td { border-bottom: 1px solid #e4e4e4; padding: 0.2rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f5f5f5; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.findings li { margin: 0.2rem 0; }
`;

export function html(results: Results, charts: Readonly<Record<string, string>>): string {
  const run = studiesRun(results);
  const missing = STUDIES.filter((s) => !run.includes(s));
  const all = sections(results);
  const body = all.map((s) =>
    [
      `<section id="${s.study}">`,
      `<h2>${escape(s.title)}</h2>`,
      `<p>${escape(s.shows)}</p>`,
      ...(s.findings.length ? ['<ul class="findings">', ...s.findings.map((f) => `<li>${escape(f)}</li>`), '</ul>'] : []),
      ...s.charts
        .filter((c) => charts[c] !== undefined)
        .map((c) => `<figure>${inlineSvg(charts[c], `chart-${c}`)}${s.captions?.[c] ? `<figcaption>${escape(s.captions[c])}</figcaption>` : ''}</figure>`),
      ...s.tables.map(htmlTable),
      '</section>',
    ].join('\n'),
  );
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>gradlab benchmark report</title>',
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<h1>gradlab benchmark report</h1>',
    `<p class="machine">${escape(machineLine(results))}</p>`,
    ...(missing.length ? [`<p class="machine">Not run: ${escape(missing.join(', '))}.</p>`] : []),
    `<nav>${all.map((s) => `<a href="#${s.study}">${escape(s.title)}</a>`).join('')}</nav>`,
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
