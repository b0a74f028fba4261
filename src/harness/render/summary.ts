// The terminal's summary: one row per study run, holding what it found (its findings, wrapped).
import type { Results } from '../types';
import { machineLine } from './model';
import { sections } from './sections';

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export function summaryTable(results: Results, width = 100): string {
  const all = sections(results);
  const label = Math.max(5, ...all.map((s) => s.study.length)) + 2;
  const lines = [machineLine(results), ''];
  if (all.length === 0) lines.push('no studies were run');
  for (const s of all) {
    const findings = s.findings.length ? s.findings : ['no findings (no rows)'];
    findings.forEach((f, i) => {
      wrap(f, Math.max(20, width - label)).forEach((l, j) => lines.push(`${(i === 0 && j === 0 ? s.study : '').padEnd(label)}${j ? '  ' : ''}${l}`));
    });
  }
  return lines.join('\n');
}
