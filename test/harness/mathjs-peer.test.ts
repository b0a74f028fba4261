// The mathjs worker: loading mathjs in it (a second or more when the machine is busy) is no part
// of any expression's time limit, and a worker stopped at the limit is replaced for the next one.
import { afterEach, describe, expect, it } from 'vitest';
import { MathjsPeer } from '../../src/harness/mathjs-peer';

let peer: MathjsPeer | undefined;
afterEach(() => peer?.close());

describe('MathjsPeer', () => {
  it('answers its first expression within a limit far shorter than loading mathjs takes', async () => {
    peer = new MathjsPeer(0.5);
    const answer = await peer.derive('x^2', [3], 1, 0);
    expect(answer).toMatchObject({ ok: true, printed: '2 * x', values: [6] });
  }, 60_000);

  it('stops an expression past the limit, then starts afresh for the next', async () => {
    peer = new MathjsPeer(0.5);
    const product = Array.from({ length: 12 }, (_, i) => `(x + ${i + 1})`).join(' * ');
    expect(await peer.derive(product, [], 1, 0)).toBeNull();
    expect(await peer.derive('sin(x)', [0], 1, 0)).toMatchObject({ ok: true, printed: 'cos(x)', values: [1] });
  }, 60_000);
});
