// A token without a name is refused on its field, in the app's words, before any request.
import { fireEvent, render, screen } from '@testing-library/react';
import { TokenManager } from './token-manager';

test('creating a token without a name shows the field message and sends nothing', () => {
  const fetchMock = jest.fn();
  global.fetch = fetchMock;
  render(<TokenManager initial={[]} />);

  fireEvent.change(screen.getByLabelText('Token name'), { target: { value: '   ' } });
  fireEvent.click(screen.getByRole('button', { name: 'Create token' }));

  const field = screen.getByLabelText('Token name');
  expect(field).toHaveAttribute('aria-invalid', 'true');
  expect(field).toHaveAccessibleDescription(
    'Give the token a name, such as the script that will use it.',
  );
  expect(field).toHaveFocus();
  expect(fetchMock).not.toHaveBeenCalled();
});
