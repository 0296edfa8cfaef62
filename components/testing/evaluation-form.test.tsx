// The evaluation form: after "Evaluate", a message that names what started and links to it, and
// claims no status that would go stale.
import { fireEvent, render, screen } from '@testing-library/react';
import { EvaluationForm, type DatasetChoice, type ModelChoice } from './evaluation-form';

jest.mock('next/navigation', () => ({
  useRouter: () => ({ push: jest.fn(), refresh: jest.fn() }),
}));

const models: ModelChoice[] = [{ id: 'm1', name: 'diamonds price', label: 'price' }];
const datasets: DatasetChoice[] = [
  { id: 'd1', name: 'diamonds_train' },
  { id: 'd2', name: 'diamonds_test' },
];

describe('EvaluationForm', () => {
  it('says which evaluation started and links to its page, without a status', async () => {
    const bodies: unknown[] = [];
    global.fetch = jest.fn(async (_url: string, init: RequestInit) => {
      bodies.push(JSON.parse(String(init.body)));
      const evaluation = { id: 'e1', datasetName: 'diamonds_test', status: 'QUEUED' };
      return { ok: true, status: 201, json: async () => ({ evaluation }) };
    }) as never;
    render(<EvaluationForm models={models} datasets={datasets} />);

    fireEvent.change(screen.getByLabelText('Test dataset'), { target: { value: 'd2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Evaluate' }));

    const message = await screen.findByRole('status');
    expect(message).toHaveTextContent('Started evaluating diamonds price on diamonds_test.');
    expect(message).not.toHaveTextContent(/queued/i);
    expect(screen.getByRole('link', { name: 'its page' })).toHaveAttribute('href', '/testing/e1');
    expect(bodies).toEqual([{ modelId: 'm1', datasetId: 'd2' }]);
  });
});
