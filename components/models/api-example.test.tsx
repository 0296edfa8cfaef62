// The model page's "Predict from a script" example: a runnable curl command for this model.
import { act, fireEvent, render, screen } from '@testing-library/react';
import { ApiExample, curlCommand, exampleRow } from './api-example';
import type { ModelDetails } from './types';

const model = {
  id: 'm-1',
  label: 'Miles_per_Gallon',
  features: [
    { name: 'Cylinders', kind: 'numeric' },
    { name: 'Origin', kind: 'categorical' },
    { name: 'Year', kind: 'datetime' },
    { name: 'Name', kind: 'text' },
  ],
  featureRanges: {
    Cylinders: { min: 3, max: 8 },
    Origin: { levels: ['USA', 'Japan', 'Europe'] },
    Year: { min: '1970-01-01T00:00:00.000Z', max: '1982-01-01T00:00:00.000Z' },
  },
} as unknown as ModelDetails;

test('the example row holds every feature: mid-range numbers, a known level, a date, null text', () => {
  expect(exampleRow(model)).toEqual({
    Cylinders: 5.5,
    Origin: 'USA',
    Year: '1970-01-01',
    Name: null,
  });
});

test('the command posts the row to this model with the token from $CIDRA_TOKEN', () => {
  expect(curlCommand('https://ml.example.com', 'm-1', { Cylinders: 4 })).toBe(
    [
      'curl -X POST https://ml.example.com/api/v1/models/m-1/predict \\',
      '  -H "Authorization: Bearer $CIDRA_TOKEN" \\',
      '  -H "Content-Type: application/json" \\',
      `  -d '{"rows":[{"Cylinders":4}]}'`,
    ].join('\n'),
  );
});

test("a single quote in a value is escaped for the shell's quoted argument", () => {
  const command = curlCommand('http://h', 'm', { Name: "plymouth 'cuda 340" });
  expect(command).toContain(`-d '{"rows":[{"Name":"plymouth '\\''cuda 340"}]}'`);
});

test('the section shows the command for this page and links to the Settings page for a token', () => {
  render(<ApiExample model={model} />);
  const command = screen.getByTestId('api-example');
  expect(command).toHaveTextContent(`${window.location.origin}/api/v1/models/m-1/predict`);
  expect(command).toHaveTextContent('"Origin":"USA"');
  expect(screen.getByRole('link', { name: 'Settings page' })).toHaveAttribute('href', '/settings');
});

test('Copy puts the whole command on the clipboard and says so', async () => {
  const writeText = jest.fn(async () => {});
  Object.assign(navigator, { clipboard: { writeText } });
  render(<ApiExample model={model} />);

  await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy' })));

  expect(writeText).toHaveBeenCalledWith(screen.getByTestId('api-example').textContent);
  expect(screen.getByRole('button', { name: 'Copied' })).toBeVisible();
});
