// The evaluation form: a sensible dataset preselected for the model; after "Evaluate", a message
// that names what started and links to it, and claims no status that would go stale.
import { fireEvent, render, screen } from '@testing-library/react';
import { EvaluationForm, type DatasetChoice, type ModelChoice } from './evaluation-form';

jest.mock('next/navigation', () => ({
  useRouter: () => ({ push: jest.fn(), refresh: jest.fn() }),
}));

const columns = ['carat', 'cut', 'price'];
const models: ModelChoice[] = [
  {
    id: 'm1',
    name: 'diamonds price',
    label: 'price',
    features: ['carat', 'cut'],
    datasetId: 'd1',
    datasetName: 'diamonds_train',
  },
  {
    id: 'm2',
    name: 'cars mpg',
    label: 'mpg',
    features: null,
    datasetId: 'd3',
    datasetName: 'cars',
  },
];
const datasets: DatasetChoice[] = [
  { id: 'd1', name: 'diamonds_train', columns },
  { id: 'd2', name: 'diamonds_test', columns },
  { id: 'd3', name: 'cars', columns: ['mpg', 'weight'] },
  { id: 'd4', name: 'cars 2027', columns: ['mpg', 'weight'] },
];

describe('EvaluationForm', () => {
  it('preselects the training data’s test split, and for another model a dataset it was not trained on', () => {
    render(<EvaluationForm models={models} datasets={datasets} />);
    const dataset = screen.getByLabelText('Test dataset');
    expect(dataset).toHaveValue('d2');

    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'm2' } });
    expect(dataset).toHaveValue('d4');
  });

  it('warns under the dataset when it lacks the model’s columns or is its training data', () => {
    render(<EvaluationForm models={models} datasets={datasets} />);
    const hint = screen.getByTestId('dataset-hint');
    expect(hint).toHaveTextContent('Rows the model has not seen in training.');

    fireEvent.change(screen.getByLabelText('Test dataset'), { target: { value: 'd3' } });
    expect(hint).toHaveTextContent(
      "cars lacks 'price', 'carat', 'cut', which the model needs: choose a dataset that has them.",
    );
    const options = screen.getAllByRole('option').map((o) => o.textContent);
    expect(options).toContain('cars (lacks columns)');
    expect(options).toContain('diamonds_test');

    fireEvent.change(screen.getByLabelText('Test dataset'), { target: { value: 'd1' } });
    expect(hint).toHaveTextContent(
      'This is the data the model was trained on: its scores will look better than on new rows.',
    );
  });

  it('says which evaluation started and links to its page, without a status', async () => {
    const bodies: unknown[] = [];
    global.fetch = jest.fn(async (_url: string, init: RequestInit) => {
      bodies.push(JSON.parse(String(init.body)));
      const evaluation = { id: 'e1', datasetName: 'cars', status: 'QUEUED' };
      return { ok: true, status: 201, json: async () => ({ evaluation }) };
    }) as never;
    render(<EvaluationForm models={models} datasets={datasets} />);

    fireEvent.change(screen.getByLabelText('Test dataset'), { target: { value: 'd3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Evaluate' }));

    const message = await screen.findByRole('status');
    expect(message).toHaveTextContent('Started evaluating diamonds price on cars.');
    expect(message).not.toHaveTextContent(/queued/i);
    expect(screen.getByRole('link', { name: 'its page' })).toHaveAttribute('href', '/testing/e1');
    expect(bodies).toEqual([{ modelId: 'm1', datasetId: 'd3' }]);
  });
});
