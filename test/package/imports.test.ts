// What `npm install gradlab` must bring: every package the published entries import at load time
// is a dependency; the optional peers (charts, digits, TF.js, TypeScript stripping) are only ever
// imported dynamically, when first used, so a default install without them still loads.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};
const ENTRIES = ['src/index.ts', 'src/nn.ts', 'src/bench.ts', 'src/cli.ts'];
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** `vega-lite/build/x` → `vega-lite`; `@tensorflow/tfjs` stays whole. */
const packageOf = (path: string) => path.split('/').slice(0, path.startsWith('@') ? 2 : 1).join('/');

/** The packages an entry imports, each with how (static or dynamic), leaving packages unbundled. */
async function importsOf(entry: string): Promise<{ name: string; dynamic: boolean }[]> {
  const result = await build({ entryPoints: [entry], bundle: true, packages: 'external', platform: 'node', format: 'esm', write: false, metafile: true, logLevel: 'silent', outdir: 'out' });
  return Object.values(result.metafile.outputs)
    .flatMap((o) => o.imports)
    .filter((i) => i.external && !BUILTINS.has(i.path))
    .map((i) => ({ name: packageOf(i.path), dynamic: i.kind === 'dynamic-import' }));
}

describe('the packages the published entries import', () => {
  it.each(ENTRIES)('%s imports statically only dependencies', async (entry) => {
    const statics = (await importsOf(entry)).filter((i) => !i.dynamic).map((i) => i.name);
    expect(statics.filter((name) => !(name in pkg.dependencies))).toEqual([]);
  });

  it.each(ENTRIES)('%s imports only declared packages (dependencies or optional peers)', async (entry) => {
    const names = (await importsOf(entry)).map((i) => i.name);
    expect(names.filter((name) => !(name in pkg.dependencies) && !(name in pkg.peerDependencies))).toEqual([]);
  });

  it('every peer is optional, and installed for our own tests', () => {
    for (const name of Object.keys(pkg.peerDependencies)) {
      expect(pkg.peerDependenciesMeta[name]?.optional, name).toBe(true);
      expect(pkg.devDependencies[name], name).toBe(pkg.peerDependencies[name]);
    }
  });

  it('the optional peers the code loads are reached, and only dynamically', async () => {
    const all = (await Promise.all(ENTRIES.map(importsOf))).flat();
    const peersUsed = new Set(all.filter((i) => i.name in pkg.peerDependencies).map((i) => `${i.name} ${i.dynamic ? 'dynamic' : 'static'}`));
    expect([...peersUsed].sort()).toEqual(expect.arrayContaining(['@tensorflow/tfjs dynamic', 'mnist dynamic', 'vega dynamic', 'vega-lite dynamic']));
    expect([...peersUsed].filter((p) => p.endsWith('static'))).toEqual([]);
  });
});
