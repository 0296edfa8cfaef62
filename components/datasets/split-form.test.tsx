// A test share left blank or outside 1–99 % is refused on its field, in the app's words.
import { fireEvent, render, screen } from '@testing-library/react';
import { SplitForm } from './split-form';

jest.mock('next/navigation', () => ({
  useRouter: () => ({ push: jest.fn(), refresh: jest.fn() }),
}));

test('a blank or out-of-range test share shows the field message and sends nothing', () => {
  const fetchMock = jest.fn();
  global.fetch = fetchMock;
  render(<SplitForm datasetId="d1" />);
  const share = screen.getByLabelText('Test share (%)');

  fireEvent.change(share, { target: { value: '' } });
  fireEvent.click(screen.getByRole('button', { name: 'Split' }));
  expect(share).toHaveAttribute('aria-invalid', 'true');
  expect(share).toHaveAccessibleDescription(
    'Enter the test share, 1–99 % of the rows (such as 20).',
  );
  expect(share).toHaveFocus();

  fireEvent.change(share, { target: { value: '100' } });
  fireEvent.click(screen.getByRole('button', { name: 'Split' }));
  expect(share).toHaveAccessibleDescription(
    'Test share 100 % is out of range: enter 1–99 % of the rows.',
  );
  expect(screen.getByLabelText('Random seed')).not.toHaveAttribute('aria-invalid');
  expect(fetchMock).not.toHaveBeenCalled();
});
