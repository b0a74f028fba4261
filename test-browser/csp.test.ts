// Under a Content-Security-Policy that forbids generated code ('unsafe-eval' absent), the four
// methods still answer, with the same numbers: gradlab falls back from its generated partials to
// the interpreted rules.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { compare } from '../src/index';
import { launch, offlinePage } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

describe('the playground under a strict Content-Security-Policy', () => {
  it('forbids generated code, and the methods still agree with the library', async () => {
    const base = inject('baseUrl');
    const { page } = await offlinePage(browser, base);
    await page.route((url) => url.href === base || url.pathname.endsWith('/index.html'), async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': "script-src 'self'; object-src 'none'" } });
    });
    await page.goto(base);
    await page.waitForSelector('#differentiate[data-state="ready"]');
    // The policy holds: an inline script does not run (Playwright's own evaluate is exempt from
    // it, so the page's code is what must meet it; the V curve's note below shows vega did).
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.head.append(script);
    });
    expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).toBeUndefined();

    const source = 'tanh(x) * exp(-y^2) + max(x, y)';
    const before = Number(await page.getAttribute('#differentiate', 'data-updates'));
    await page.fill('#source', source);
    await page.fill('#point', 'x=0.3, y=0.2');
    await page.waitForFunction(([n, s, p]) => {
      const el = document.getElementById('differentiate')!;
      return Number(el.dataset.updates) > Number(n) && el.dataset.state === 'ready' && el.dataset.source === s && el.dataset.point === p;
    }, [before, source, 'x=0.3, y=0.2'] as const);
    const shown = await page.$$eval('#methods tbody tr', (trs) => trs.map((tr) => ({ method: (tr as HTMLElement).dataset.method!, gradient: JSON.parse((tr.querySelector('[data-field="gradient"]') as HTMLElement).dataset.raw ?? 'null') })));
    const want = compare(source, { x: 0.3, y: 0.2 }, { timing: 0.001 });
    expect(shown.map((r) => r.method)).toEqual(['finite', 'symbolic', 'forward', 'reverse']);
    for (const r of shown) {
      const m = want.methods.find((w) => w.method === r.method)!;
      for (const name of ['x', 'y']) expect(r.gradient?.[name], `${r.method} ∂/∂${name}`).toBeCloseTo(m.gradient![name] as number, 9);
    }
    expect(await page.textContent('#vcurve')).toMatch(/Content-Security-Policy forbids generated code/);
  });
});
