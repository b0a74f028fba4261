// Where a Content-Security-Policy forbids generated code, `new Function` throws an EvalError; the
// graph sweeps then run the primitive rules interpreted, with the same numbers.
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('generated partials under a policy that forbids them', () => {
  it('fall back to the interpreted rules', async () => {
    const calls: string[] = [];
    vi.stubGlobal('Function', function refused(...args: string[]) {
      calls.push(args.join());
      throw new EvalError("Refused to evaluate a string as JavaScript because 'unsafe-eval' is not an allowed source");
    });
    vi.resetModules();
    const { gradient } = await import('../../src/diff/registry');
    const at = { x: 0.7, y: 2 };
    for (const method of ['reverse', 'forward', 'symbolic'] as const) {
      // Called twice: the second call replays the traced graph, whose sweep uses the partials.
      gradient('sin(x) * y + tanh(x y)', at, { method });
      const g = gradient('sin(x) * y + tanh(x y)', at, { method });
      const sech2 = 1 - Math.tanh(1.4) ** 2;
      expect(g.x, method).toBeCloseTo(Math.cos(0.7) * 2 + 2 * sech2, 12);
      expect(g.y, method).toBeCloseTo(Math.sin(0.7) + 0.7 * sech2, 12);
    }
    expect(calls.length).toBeGreaterThan(0);
  });
});
