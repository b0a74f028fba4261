// The playground in a real browser: type a function and a point, read the four methods' results
// off the page and check them against the library run here in Node; the seed demonstrations; a
// network trained on XOR to 100% accuracy; screenshots; and nothing fetched from the network.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { compare, compile, reference } from '../src/index';
import { launch, offlinePage } from './browser';

const SHOTS = 'test-browser/screenshots';
let browser: Browser;
let page: Page;
let outside: string[];
let errors: string[];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
  ({ page, outside, errors } = await offlinePage(browser, inject('baseUrl')));
  await page.goto(inject('baseUrl'));
  await page.waitForSelector('#differentiate[data-state="ready"]');
});

afterAll(async () => {
  await browser?.close();
});

/** Sets the function and the point as a user would type them, and waits for the recomputation. */
async function enter(source: string, point: string): Promise<void> {
  const before = Number(await page.getAttribute('#differentiate', 'data-updates'));
  await page.fill('#source', source);
  await page.fill('#point', point);
  // Typing may recompute more than once (after the function, then after the point): wait for the
  // update of this function at this point.
  await page.waitForFunction(([n, s, p]) => {
    const el = document.getElementById('differentiate')!;
    return Number(el.dataset.updates) > Number(n) && el.dataset.state === 'ready' && el.dataset.source === s && el.dataset.point === p;
  }, [before, source, point] as const);
}

async function clickSeed(name: string): Promise<void> {
  const before = Number(await page.getAttribute('#differentiate', 'data-updates'));
  await page.click(`[data-seed="${name}"]`);
  await page.waitForFunction((n) => Number(document.getElementById('differentiate')!.dataset.updates) > n, before);
}

interface Row {
  method: string;
  value: unknown;
  gradient: Record<string, number> | undefined;
  relError: number | undefined;
  seconds: number | undefined;
  note: string;
  refused: boolean;
}

/** The methods table as the page shows it, each cell's exact number from its data-raw. */
function rows(): Promise<Row[]> {
  return page.$$eval('#methods tbody tr', (trs) =>
    trs.map((tr) => {
      const raw = (field: string) => {
        const v = tr.querySelector<HTMLElement>(`[data-field="${field}"]`)?.dataset.raw;
        return v === undefined ? undefined : JSON.parse(v);
      };
      return {
        method: (tr as HTMLElement).dataset.method!,
        value: raw('value'),
        gradient: raw('gradient'),
        relError: raw('relError'),
        seconds: raw('seconds'),
        note: tr.querySelector('[data-field="note"]')!.textContent ?? '',
        refused: tr.classList.contains('refused'),
      };
    }),
  );
}

describe('the differentiation panel', () => {
  it('shows the four methods on a typed expression, as the library computes them', async () => {
    const source = 'x^2 sin(x) + exp(x / 3) y';
    const at = { x: 1.5, y: -2 };
    await enter(source, 'x=1.5, y=-2');
    const shown = await rows();
    const want = compare(source, at, { timing: 0.001 });
    const ref = reference(source, at);
    expect(shown.map((r) => r.method)).toEqual(['finite', 'symbolic', 'forward', 'reverse']);
    for (const r of shown) {
      const m = want.methods.find((w) => w.method === r.method)!;
      expect(r.refused, r.method).toBe(false);
      expect(r.value, r.method).toBeCloseTo(ref.value as number, 12);
      for (const name of ['x', 'y']) expect(r.gradient![name], `${r.method} ∂/∂${name}`).toBeCloseTo(m.gradient![name] as number, 9);
      expect(r.relError, r.method).toBeCloseTo(m.relError!, 6);
      expect(r.seconds, r.method).toBeGreaterThan(0);
    }
    // The exact methods agree with the 50-digit reference to float64; finite differences do not.
    for (const r of shown.filter((r) => r.method !== 'finite')) expect(r.relError!).toBeLessThan(1e-14);
    expect(shown[0].relError!).toBeGreaterThan(1e-14);
    await page.screenshot({ path: `${SHOTS}/differentiate.png`, fullPage: false });
  });

  it('renders the symbolic derivative with KaTeX, with its tree and DAG sizes', async () => {
    await enter('x^3 + sin(x)', 'x=1');
    await page.waitForSelector('#derivative .derivative[data-wrt="x"] .katex');
    expect(await page.getAttribute('#derivative .derivative[data-wrt="x"]', 'title')).toMatch(/3 ?\*? ?x\^2 \+ cos\(x\)|cos\(x\) \+ 3 ?\*? ?x\^2/);
    expect(Number(await page.getAttribute('#sizes', 'data-dag'))).toBeGreaterThan(0);
  });

  it('draws the V curve of every scheme, with each optimum marked', async () => {
    await clickSeed('step');
    await page.waitForSelector('#vcurve svg');
    const optima = JSON.parse((await page.getAttribute('#vcurve', 'data-optima'))!) as { scheme: string; h: number; error: number }[];
    expect(optima.map((o) => o.scheme)).toEqual(['forward', 'backward', 'central', 'five-point', 'complex-step']);
    const central = optima.find((o) => o.scheme === 'central')!;
    // Truncation ∝ h² against round-off ∝ ε/h: the best central step is near ε^(1/3) ≈ 6e-6.
    expect(central.h).toBeGreaterThan(1e-8);
    expect(central.h).toBeLessThan(1e-3);
    expect(optima.find((o) => o.scheme === 'forward')!.error).toBeGreaterThan(central.error);
    expect(await page.locator('#vcurve svg path').count()).toBeGreaterThan(5);
    await page.screenshot({ path: `${SHOTS}/vcurve.png`, fullPage: true });
  });

  it('the while loop: symbolic refuses with the line, the other three answer', async () => {
    await clickSeed('loop');
    const shown = await rows();
    const symbolic = shown.find((r) => r.method === 'symbolic')!;
    expect(symbolic.refused).toBe(true);
    expect(symbolic.note).toMatch(/while loop.*at 1:1/);
    for (const r of shown.filter((r) => r.method !== 'symbolic')) expect(r.gradient!.x, r.method).toBeCloseTo(1.5, 6);
    expect(await page.textContent('#derivative')).toMatch(/while loop/);
  });

  it('Wolfram’s example, sin² + cos², and a kink with its warning', async () => {
    await clickSeed('wolfram');
    expect((await rows()).find((r) => r.method === 'reverse')!.gradient!.x).toBe(15);
    await clickSeed('pythagoras');
    for (const r of await rows()) expect(Math.abs(r.gradient!.x), r.method).toBeLessThan(1e-8);
    await clickSeed('kink');
    expect(await page.textContent('#warnings')).toMatch(/kink of abs/);
    expect((await rows()).find((r) => r.method === 'forward')!.gradient!.x).toBeCloseTo(3, 8);
  });

  it('takes a JavaScript function, through the library’s compile', async () => {
    const source = '(x, y) => x * Math.sin(y) + Math.exp(x / 3)';
    await enter(source, 'x=2, y=0.5');
    const fn = compile(new Function(`"use strict"; return (${source});`)());
    const want = compare(fn, { x: 2, y: 0.5 }, { timing: 0.001 });
    const shown = await rows();
    expect(shown.map((r) => r.refused)).toEqual([false, false, false, false]);
    for (const r of shown) {
      const m = want.methods.find((w) => w.method === r.method)!;
      for (const name of ['x', 'y']) expect(r.gradient![name], `${r.method} ∂/∂${name}`).toBeCloseTo(m.gradient![name] as number, 9);
    }
    await clickSeed('js');
    expect((await rows()).find((r) => r.method === 'reverse')!.gradient!.x).toBeCloseTo(6.34827508199341, 10);
  });

  it('a syntax error is a message with its line and column, not a crash', async () => {
    await enter('sin(x', 'x=1');
    await expect.poll(() => page.isVisible('#error')).toBe(true);
    expect(await page.textContent('#error')).toMatch(/at 1:\d+/);
  });
});

describe('the training panel', () => {
  it('trains XOR to 100% accuracy, live, and shows the step time', async () => {
    await page.selectOption('#data', 'xor');
    await page.selectOption('#method', 'reverse');
    await page.click('#train');
    await page.waitForSelector('#train-status[data-done="true"]', { timeout: 90_000 });
    expect(Number(await page.getAttribute('#train-status', 'data-accuracy'))).toBe(1);
    expect(Number(await page.getAttribute('#step-times tr[data-method="reverse"] td:nth-child(2)', 'data-raw'))).toBeGreaterThan(0);
    for (const chart of ['#loss-chart', '#boundary-chart', '#norms-chart']) expect(await page.locator(`${chart} svg`).count(), chart).toBe(1);
    await page.locator('#network').screenshot({ path: `${SHOTS}/training.png` });
    // The whole page as the README shows it (docs/playground.png is a copy of this one).
    await clickSeed('step');
    await page.waitForSelector('#vcurve svg');
    await page.screenshot({ path: `${SHOTS}/playground.png`, fullPage: true });
  });

  it('switches method and optimizer, and times every method on the network', async () => {
    await page.selectOption('#method', 'symbolic');
    await page.selectOption('#optimizer', 'sgd');
    await page.fill('#lr', '0.5');
    await page.click('#train');
    await page.waitForSelector('#train-status[data-done="true"]', { timeout: 90_000 });
    expect(await page.textContent('#train-status')).toMatch(/symbolic gradients/);
    await page.click('#time-methods');
    await expect.poll(() => page.locator('#step-times tbody tr').count()).toBe(5);
  });

  it('fetched nothing from the network and logged no error', () => {
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
  });
});
