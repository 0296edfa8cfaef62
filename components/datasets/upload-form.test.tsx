// The upload form warns before a second dataset gets a name the user already has.
import { fireEvent, render, screen } from '@testing-library/react';
import { datasetNameFromFile } from '@/lib/datasets/names';
import { UploadForm } from './upload-form';

jest.mock('next/navigation', () => ({
  useRouter: () => ({ push: jest.fn(), refresh: jest.fn() }),
}));

const csv = (name: string) => new File(['a,b\n1,2\n'], name, { type: 'text/csv' });

test('an upload named like the file is named without its folder and extension', () => {
  expect(datasetNameFromFile('data/cars.CSV')).toBe('cars');
  expect(datasetNameFromFile('prices.tsv')).toBe('prices');
  expect(datasetNameFromFile('.csv')).toBe('dataset');
});

test('a file whose name is taken gets a warning, which a new typed name clears', () => {
  render(<UploadForm maxBytes={1e9} existingNames={['cars', 'diamonds']} />);
  expect(screen.queryByTestId('duplicate-name')).toBeNull();

  fireEvent.change(screen.getByLabelText('CSV file'), { target: { files: [csv('cars.csv')] } });
  expect(screen.getByTestId('duplicate-name')).toHaveTextContent(
    'You already have a dataset named cars: lists would show two of them. Type another name to tell them apart.',
  );

  fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'cars 2027' } });
  expect(screen.queryByTestId('duplicate-name')).toBeNull();

  fireEvent.change(screen.getByLabelText('Name'), { target: { value: ' diamonds ' } });
  expect(screen.getByTestId('duplicate-name')).toHaveTextContent('named diamonds:');
});
