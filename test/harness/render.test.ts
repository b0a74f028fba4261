// The renderers on a hand-made Results covering every study: report.md has each section and table,
// index.html is well-formed and self-contained, results.json has the Results shape.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { charts, html, markdown, sections, summaryTable } from '../../src/harness/render';
import { writeReport } from '../../src/harness/report';
import type { Results } from '../../src/harness/types';
import { fixture, machine } from './fixture';
import { resultsSchema } from './schema';
import { wellFormedErrors as parseErrors } from './wellformed';

const TITLES = ['Accuracy', 'Stability of finite differences', 'Hard points', 'Cost of a gradient', 'Expression swell', 'Training step time', 'Peers'];

/** Every URL the page names, but for the SVG namespace. */
function urls(page: string): string[] {
  return (page.match(/https?:\/\/[^\s"'<>)]*/g) ?? []).filter((u) => u !== 'http://www.w3.org/2000/svg');
}

let svgs: Record<string, string>;
beforeAll(async () => {
  svgs = await charts(fixture);
});

describe('markdown', () => {
  const md = markdown(fixture);

  it.each(TITLES)('has the section %s with a table', (title) => {
    const body = md.split(`\n## ${title}\n`)[1]?.split('\n## ')[0];
    expect(body, `no section '${title}'`).toBeDefined();
    expect(body).toMatch(/^\| .+ \|\n\| (---:?|---)( \| ---:?)* \|$/m);
  });

  it('states the ratios of cost and training', () => {
    expect(md).toContain('rosenbrock: reverse ÷ evaluation n = 10: 3.5×, n = 100: 3.5×, n = 1,000: 3.5×.');
    expect(md).toContain('each method ÷ manual: reverse 2×, symbolic 3×, forward 500×');
    expect(md).toContain('- gradlab ÷ TF.js: seconds per step: 0.5× on 64-32-10 batch 32 (gradlab faster).');
    expect(md).toContain('- gradlab ÷ mathjs: seconds per derivative: 0.2× on derivative of x^2 sin(x) (gradlab faster); nodes: — on derivative size (gradlab <failed>); ');
  });

  it('aggregates many peer rows per metric, and shows the optional fields where rows have them', () => {
    expect(md).toContain('seconds (derivative + simplify): median 0.00417× over 4 workloads, 0.0025× to 0.01× (1 without a ratio) (gradlab faster)');
    expect(md).toContain('| product | 8 | 17 | 16 | 768 | 32 | 512* | 24* | 24× |');
    expect(md).toContain('*node counts; * the simplifier stopped at its work budget*');
    expect(md).toContain('| 64-32-10 | 32 | manual | 100 µs | 2 ms | 1× | no graph |');
    expect(md).toContain('| moons | 2-16-1 relu | finite | 5 ms | 3 | 1e+9 | 50.0% | the loss stopped being finite in epoch 4 |');
    expect(md).toContain('| kink | kink | abs(x) | x=0 | 0 | 0 | 0 |');
    expect(md).toContain('| exp | 1 | central | 1.0e-5 | 2.7e-11 | 6.0e-6 | 6.0e-6 | 3.0e-11 |');
    expect(md).toContain('| collatz \\| halve | symbolic | symbolic cannot follow a \'while\' that depends on the input <x> at 1:1 |');
  });

  it('says so where a peer gave no ratio at all', () => {
    const none = markdown({ machine, quick: true, peers: [{ peer: 'tfjs', workload: 'step', metric: 'seconds per step', gradlab: 1e-3, peerValue: null, ratio: null, note: 'not installed' }] });
    expect(none).toContain('- gradlab ÷ TF.js: no ratio (not installed).');
  });

  it('writes nulls as dashes, failures as failures, and escapes pipes in cells', () => {
    expect(md).toContain('| collatz \\| halve | program | 9.1 / 8.0 | 17.0 / 17.0 | 17.0 / 17.0 | failed |');
    expect(md).toMatch(/\| rosenbrock \| 1,000 \| symbolic \| — \|/);
    expect(md).toContain('| 784-128-10 | 32 | finite | — | — | — | not run: 101,770 parameters |');
  });

  it('keeps every table row as wide as its head', () => {
    for (const s of sections(fixture)) {
      for (const t of s.tables) for (const row of t.rows) expect(row.length).toBe(t.head.length);
    }
  });

  it('links the charts it has', () => {
    for (const key of Object.keys(svgs)) expect(md).toContain(`(${key}.svg)`);
  });
});

describe('html', () => {
  const page = () => html(fixture, svgs);

  it('parses without errors', () => {
    expect(parseErrors(page())).toEqual([]);
  });

  it.each([
    ['<!DOCTYPE html><html><body><div></span></body></html>', '</span> closes <div>'],
    ['<!DOCTYPE html><html><body><table><tr><td>a</td></tr></body></html>', '</body> closes <table>'],
    ['<!DOCTYPE html><html><body><p a="1"b>x</p></body></html>', 'missing-whitespace-between-attributes at 1:36'],
    ['<html><body></body></html>', 'no <!DOCTYPE html>'],
  ])('(the check itself finds what is wrong in %s)', (bad, error) => {
    expect(parseErrors(bad)).toContain(error);
  });

  it('holds every chart inline and the same tables', () => {
    expect(Object.keys(svgs).sort()).toEqual(['accuracy', 'cost', 'stability', 'swell', 'training', 'training-loss']);
    expect(page().match(/<svg[\s>]/g)?.length).toBe(Object.keys(svgs).length);
    for (const title of TITLES) expect(page()).toContain(`<h2>${title}</h2>`);
    expect(page()).toContain('<td>collatz | halve</td>');
    expect(page()).toContain('&lt;failed&gt;');
  });

  it('names no URL but the SVG namespace, and loads nothing', () => {
    expect(urls(page())).toEqual([]);
    expect(page()).not.toMatch(/<script|<link|<img|@import|src=/);
  });

  it('gives each chart its own ids', () => {
    const ids = [...page().matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('charts', () => {
  it('draws each chart as SVG with the marks it promises', () => {
    for (const svg of Object.values(svgs)) expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svgs.stability).toContain('exp at 1');
    expect(svgs.stability).toContain('log at 2');
    expect(svgs.cost).toContain('evaluation of f');
  });
});

describe('missing studies and empty results', () => {
  const bare: Results = { machine, quick: false };
  const partial: Results = { machine, quick: true, swell: fixture.swell, training: [], peers: [] };

  it('renders a report with no studies', async () => {
    expect(await charts(bare)).toEqual({});
    expect(markdown(bare)).toContain('Studies: none (not run: accuracy, stability, hard-points, cost, swell, training, peers)');
    expect(parseErrors(html(bare, {}))).toEqual([]);
    expect(summaryTable(bare)).toContain('no studies were run');
  });

  it('renders only the studies present, empty ones with an empty table', async () => {
    const md = markdown(partial);
    expect(md).toContain('## Expression swell');
    expect(md).toContain('## Training step time');
    expect(md).not.toContain('## Accuracy');
    expect(md).toContain('| (no rows) |');
    expect(Object.keys(await charts(partial))).toEqual(['swell']);
    expect(parseErrors(html(partial, await charts(partial)))).toEqual([]);
  });
});

describe('summaryTable', () => {
  it('has a row per study, with its findings', () => {
    const text = summaryTable(fixture);
    for (const study of ['accuracy', 'stability', 'hard-points', 'cost', 'swell', 'training', 'peers']) expect(text).toMatch(new RegExp(`^${study} `, 'm'));
    expect(text).toContain('reverse ÷ evaluation');
    expect(Math.max(...text.split('\n').slice(2).map((l) => l.length))).toBeLessThanOrEqual(100);
  });
});

describe('writeReport', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gradlab-report-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes report.md, index.html, results.json of the Results shape, and the SVGs', async () => {
    const paths = await writeReport(fixture, dir);
    expect(readdirSync(dir).sort()).toEqual(['accuracy.svg', 'cost.svg', 'index.html', 'report.md', 'results.json', 'stability.svg', 'swell.svg', 'training-loss.svg', 'training.svg']);
    expect(readFileSync(paths.report, 'utf8')).toBe(markdown(fixture));
    const json = JSON.parse(readFileSync(paths.json, 'utf8'));
    expect(() => resultsSchema.parse(json)).not.toThrow();
    expect(json.hardPoints[3].reference).toBe('Infinity');
  });

  it('the schema rejects what is not a Results', () => {
    expect(resultsSchema.safeParse({ machine, quick: true, training: [{ network: '64-32-10', batch: 32, method: 'manual' }] }).success).toBe(false);
    expect(resultsSchema.safeParse({ ...fixture, extra: 1 }).success).toBe(false);
  });
});
