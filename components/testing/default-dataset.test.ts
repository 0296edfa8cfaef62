// The Testing form's first dataset: the training data's test split, else one with the model's
// columns, never the training data while another dataset fits.
import { defaultTestDataset, type TestDataset, type TestedModel } from './default-dataset';

const columns = ['carat', 'cut', 'price'];
const model: TestedModel = {
  label: 'price',
  features: ['carat', 'cut'],
  datasetId: 'train',
  datasetName: 'diamonds_train',
};

function dataset(id: string, name: string, names = columns): TestDataset {
  return { id, name, columns: names };
}

describe('defaultTestDataset', () => {
  it('prefers the training data’s _test sibling over newer datasets', () => {
    const datasets = [
      dataset('other', 'diamonds 2027'),
      dataset('train', 'diamonds_train'),
      dataset('test', 'diamonds_test'),
    ];
    expect(defaultTestDataset(model, datasets)).toBe('test');
  });

  it('finds the sibling of a training dataset named without _train', () => {
    const datasets = [dataset('other', 'prices'), dataset('test', 'Diamonds_Test')];
    const named = { ...model, datasetId: 'train', datasetName: 'diamonds' };
    expect(defaultTestDataset(named, [...datasets, dataset('train', 'diamonds')])).toBe('test');
  });

  it('takes the first dataset holding the target and every feature when there is no sibling', () => {
    const datasets = [
      dataset('train', 'diamonds_train'),
      dataset('no-target', 'diamonds unlabelled', ['carat', 'cut']),
      dataset('fits', 'diamonds 2027', ['price', 'cut', 'carat', 'colour']),
      dataset('fits-too', 'diamonds 2026'),
    ];
    expect(defaultTestDataset(model, datasets)).toBe('fits');
  });

  it('passes over a _test sibling that lacks a feature', () => {
    const datasets = [
      dataset('test', 'diamonds_test', ['carat', 'price']),
      dataset('train', 'diamonds_train'),
      dataset('fits', 'gems'),
    ];
    expect(defaultTestDataset(model, datasets)).toBe('fits');
  });

  it('falls back to the training data when nothing else fits, then to the first dataset', () => {
    const unrelated = dataset('cars', 'cars', ['mpg']);
    expect(defaultTestDataset(model, [unrelated, dataset('train', 'diamonds_train')])).toBe(
      'train',
    );
    expect(defaultTestDataset({ ...model, datasetId: null }, [unrelated])).toBe('cars');
    expect(defaultTestDataset(model, [])).toBe('');
  });

  it('checks only the target when the features are not recorded', () => {
    const unknown = { ...model, features: null };
    const datasets = [dataset('train', 'diamonds_train'), dataset('labelled', 'x', ['price'])];
    expect(defaultTestDataset(unknown, datasets)).toBe('labelled');
  });
});
