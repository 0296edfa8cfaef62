// Renaming a model to nothing is refused on the Name field, in the app's words.
import { fireEvent, render, screen } from '@testing-library/react';
import { ModelHeading } from './model-heading';

test('saving a blank name shows the field message and sends nothing', () => {
  const fetchMock = jest.fn();
  global.fetch = fetchMock;
  const onSaved = jest.fn();
  render(<ModelHeading id="m1" name="diamonds price" description="" onSaved={onSaved} />);

  fireEvent.click(screen.getByRole('button', { name: 'Edit name and description' }));
  fireEvent.change(screen.getByLabelText('Name'), { target: { value: '' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save' }));

  const field = screen.getByLabelText('Name');
  expect(field).toHaveAttribute('aria-invalid', 'true');
  expect(field).toHaveAccessibleDescription('Give the model a name.');
  expect(field).toHaveFocus();
  expect(fetchMock).not.toHaveBeenCalled();
  expect(onSaved).not.toHaveBeenCalled();
});
