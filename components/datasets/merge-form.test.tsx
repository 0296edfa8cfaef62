// A merge without a name for its result is refused on the name field, in the app's words.
import { fireEvent, render, screen } from '@testing-library/react';
import { MergeForm } from './merge-form';

jest.mock('next/navigation', () => ({
  useRouter: () => ({ push: jest.fn(), refresh: jest.fn() }),
}));

test('merging without a name shows the field message and sends nothing', () => {
  const fetchMock = jest.fn();
  global.fetch = fetchMock;
  const datasets = [
    { id: 'a', name: 'sales_2025', columns: ['id'] },
    { id: 'b', name: 'sales_2026', columns: ['id'] },
  ];
  render(<MergeForm datasets={datasets} />);

  fireEvent.click(screen.getByLabelText('sales_2025'));
  fireEvent.click(screen.getByLabelText('sales_2026'));
  fireEvent.click(screen.getByRole('button', { name: 'Merge' }));

  const field = screen.getByLabelText('Name of the merged dataset');
  expect(field).toHaveAttribute('aria-invalid', 'true');
  expect(field).toHaveAccessibleDescription('Give the dataset a name.');
  expect(field).toHaveFocus();
  expect(fetchMock).not.toHaveBeenCalled();
});
