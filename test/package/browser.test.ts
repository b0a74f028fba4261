// The library entry bundles for the browser: no Node built-in anywhere in what src/index.ts
// reaches (dynamic imports included, as esbuild follows them), and no createRequire.
import { build, type Message } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * Bundles an entry for the browser as a web app's bundler would: a package's `browser` field may
 * map a built-in away (seedrandom's optional `crypto`); any other Node import fails to resolve and
 * is returned as `what (file:line)`.
 */
async function browserBundle(entry: string): Promise<{ nodeImports: string[]; code: string }> {
  try {
    const result = await build({ entryPoints: [entry], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent' });
    return { nodeImports: [], code: result.outputFiles[0].text };
  } catch (err) {
    const errors = (err as { errors?: Message[] }).errors;
    if (!errors) throw err;
    return { nodeImports: errors.map((e) => `${e.text} (${e.location?.file}:${e.location?.line})`), code: '' };
  }
}

describe('the library entry in a browser bundle', () => {
  const core = browserBundle('src/index.ts');

  it('imports no Node built-in', async () => {
    const { nodeImports } = await core;
    expect(nodeImports).toEqual([]);
  });

  it('never calls createRequire', async () => {
    const { code } = await core;
    expect(code).not.toMatch(/createRequire/);
  });

  it('the check catches a Node import (it can fail)', async () => {
    const { nodeImports } = await browserBundle('src/bench.ts');
    expect(nodeImports.some((m) => m.includes('"node:fs"'))).toBe(true);
  });
});
