// A benchmark run written to disk: report.md, index.html, results.json and one SVG per chart.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toJson } from '../report/json';
import { charts, html, markdown } from './render';
import type { Results } from './types';

/** Writes the report into `dir` (created if need be) and returns the paths written, report first. */
export async function writeReport(results: Results, dir: string): Promise<{ report: string; html: string; json: string; charts: string[] }> {
  mkdirSync(dir, { recursive: true });
  const svgs = await charts(results);
  const paths = { report: join(dir, 'report.md'), html: join(dir, 'index.html'), json: join(dir, 'results.json'), charts: [] as string[] };
  writeFileSync(paths.report, markdown(results));
  writeFileSync(paths.html, html(results, svgs));
  writeFileSync(paths.json, toJson(results) + '\n');
  for (const [key, svg] of Object.entries(svgs)) {
    const file = join(dir, `${key}.svg`);
    writeFileSync(file, svg);
    paths.charts.push(file);
  }
  return paths;
}
