// The prediction plots say why they are empty when the chosen features have no values.
import { render, screen } from '@testing-library/react';
import { PredictionPlots, rowsWithValues, type PlotData } from './plots';
import type { ModelInput } from './types';

// The charts themselves (Vega, plotly) load in the browser only: here they render nothing.
jest.mock(
  'next/dynamic',
  () => () =>
    function Chart() {
      return null;
    },
);

const features: ModelInput[] = [
  { name: 'Cylinders', kind: 'numeric' },
  { name: 'Displacement', kind: 'numeric' },
];

function plots(data: PlotData) {
  return render(
    <PredictionPlots
      features={features}
      data={data}
      predictionName="Miles_per_Gallon_predicted"
      idPrefix="t"
    />,
  );
}

test('rows count only when predicted and holding every named feature', () => {
  const data: PlotData = {
    columns: { Cylinders: [4, null, 6], Displacement: [120, 300, null] },
    predictions: [27.2, 15.1, null],
  };
  expect(rowsWithValues(data, ['Cylinders'])).toBe(1);
  expect(rowsWithValues(data, ['Displacement'])).toBe(2);
  expect(rowsWithValues(data, ['Cylinders', 'Displacement'])).toBe(1);
});

test('a predicted row with blank features gets a message in each plot instead of empty axes', () => {
  plots({ columns: { Cylinders: [null], Displacement: [null] }, predictions: [27.5] });
  const messages = screen.getAllByRole('status').map((m) => m.textContent);
  expect(messages).toEqual([
    'No predicted row has a value for Cylinders, so there is nothing to plot: fill it in, or choose another feature.',
    'No predicted row has a value for both Cylinders and Displacement, so there is nothing to plot: fill them in, or choose another feature.',
  ]);
});

test('rows with values are plotted, without the message', () => {
  plots({ columns: { Cylinders: [4], Displacement: [120] }, predictions: [27.5] });
  expect(screen.queryByRole('status')).toBeNull();
});
