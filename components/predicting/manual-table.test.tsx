// The manual table: one input per feature shaped by its kind, rows added, duplicated, removed and
// pasted, the request it sends, predictions shown, and fields the server refuses marked.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ManualPredictions } from './manual-table';
import type { ModelInputs } from './types';

// The plots load Vega and plotly, which need a real browser; they have their own e2e checks.
jest.mock('./plots', () => ({ PredictionPlots: () => null }));
jest.mock('./what-if', () => ({ WhatIf: () => null }));

const inputs: ModelInputs = {
  modelId: 'm1',
  label: 'price',
  features: [
    { name: 'city', kind: 'categorical', levels: ['North', 'South', 'East'] },
    { name: 'rooms', kind: 'numeric', min: 1, max: 6 },
    { name: 'built', kind: 'datetime' },
  ],
};

const fetchMock = jest.fn();
beforeEach(() => {
  fetchMock.mockReset();
  global.fetch = fetchMock as unknown as typeof fetch;
});

function answer(body: unknown) {
  fetchMock.mockResolvedValueOnce({ ok: true, status: 200, json: async () => body });
}

const rows = () => screen.getAllByTestId('manual-row');

describe('ManualPredictions', () => {
  it('shapes each input by its kind: range hint, known levels, date picker', () => {
    render(<ManualPredictions modelId="m1" inputs={inputs} />);

    expect(screen.getByLabelText('rooms, row 1')).toHaveAttribute('placeholder', '1 – 6');
    expect(screen.getByLabelText('rooms, row 1')).toHaveAttribute('inputmode', 'decimal');
    const city = screen.getByLabelText('city, row 1');
    expect(city).toHaveAttribute('placeholder', 'e.g. North');
    expect(city).toHaveAttribute('title', 'Values seen in training: North, South, East');
    const list = document.getElementById(city.getAttribute('list')!)!;
    expect([...list.querySelectorAll('option')].map((o) => o.value)).toEqual([
      'North',
      'South',
      'East',
    ]);
    expect(screen.getByLabelText('built, row 1')).toHaveAttribute('type', 'date');
  });

  it('adds, duplicates and removes rows', () => {
    render(<ManualPredictions modelId="m1" inputs={inputs} />);
    fireEvent.change(screen.getByLabelText('city, row 1'), { target: { value: 'East' } });

    fireEvent.click(screen.getByRole('button', { name: 'Duplicate row 1' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add row' }));
    expect(rows()).toHaveLength(3);
    expect(screen.getByLabelText('city, row 2')).toHaveValue('East');
    expect(screen.getByLabelText('city, row 3')).toHaveValue('');

    fireEvent.click(screen.getByRole('button', { name: 'Remove row 1' }));
    expect(rows()).toHaveLength(2);
    expect(screen.getByLabelText('city, row 1')).toHaveValue('East');
  });

  it('replaces the blank row with pasted rows, mapping columns by the header', () => {
    render(<ManualPredictions modelId="m1" inputs={inputs} />);
    fireEvent.change(screen.getByLabelText(/Rows copied from a spreadsheet/), {
      target: { value: 'rooms\tprice\tcity\n3\t1\tNorth\n4\t2\tSouth' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add pasted rows' }));

    expect(rows()).toHaveLength(2);
    expect(screen.getByLabelText('rooms, row 2')).toHaveValue('4');
    expect(screen.getByLabelText('city, row 2')).toHaveValue('South');
    expect(screen.getByRole('status')).toHaveTextContent('Ignored columns: price.');
  });

  it('marks a number field that is not a number while typing', () => {
    render(<ManualPredictions modelId="m1" inputs={inputs} />);
    fireEvent.change(screen.getByLabelText('rooms, row 1'), { target: { value: '3 rooms' } });

    expect(screen.getByLabelText('rooms, row 1')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('field-error')).toHaveTextContent("'3 rooms' is not a number");
  });

  it('sends blank fields as missing, shows predictions, and marks refused fields with the reason', async () => {
    render(<ManualPredictions modelId="m1" inputs={inputs} />);
    fireEvent.change(screen.getByLabelText('city, row 1'), { target: { value: 'North' } });
    fireEvent.change(screen.getByLabelText('rooms, row 1'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Duplicate row 1' }));
    fireEvent.change(screen.getByLabelText('built, row 2'), { target: { value: '2024-03-01' } });
    fireEvent.change(screen.getByLabelText('rooms, row 2'), { target: { value: '1e999' } });
    answer({
      label: 'price',
      predictions: [196500.25, null],
      errors: [{ row: 1, field: 'rooms', reason: "'1e999' is infinite", message: '' }],
      notices: [],
      predictMs: 3,
    });

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Predict' })));

    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/models/m1/predict');
    expect(JSON.parse(init.body)).toEqual({
      rows: [
        { city: 'North', rooms: '3', built: null },
        { city: 'North', rooms: '1e999', built: '2024-03-01' },
      ],
    });
    await waitFor(() =>
      expect(screen.getAllByTestId('manual-prediction')[0]).toHaveTextContent('196,500'),
    );
    const cells = screen.getAllByTestId('manual-prediction');
    expect(cells[0]).toHaveAttribute('data-value', '196500.25');
    expect(cells[1]).toHaveAttribute('data-value', '');
    const second = rows()[1];
    expect(within(second).getByLabelText('rooms, row 2')).toHaveAttribute('aria-invalid', 'true');
    expect(within(second).getByTestId('field-error')).toHaveTextContent("'1e999' is infinite");
    expect(screen.getByRole('alert')).toHaveTextContent(
      '1 of 2 rows have values the model cannot read',
    );
  });

  it('asks for a value instead of predicting a table whose fields are all blank', async () => {
    render(<ManualPredictions modelId="m1" inputs={inputs} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add row' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Predict' })));

    expect(fetchMock).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Every field is blank: fill in at least one value, or paste rows, then predict.',
    );
  });

  it('shows the server’s message when the request fails', async () => {
    fetchMock.mockResolvedValueOnce({
      ok: false,
      status: 409,
      json: async () => ({ error: { message: 'This model has not finished training.' } }),
    });
    render(<ManualPredictions modelId="m1" inputs={inputs} />);
    fireEvent.change(screen.getByLabelText('rooms, row 1'), { target: { value: '3' } });

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Predict' })));

    expect(screen.getByRole('alert')).toHaveTextContent('This model has not finished training.');
  });
});
