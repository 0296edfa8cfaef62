// The evaluations list follows queued and running evaluations until they end, through failed
// requests too.
import { act, render, screen } from '@testing-library/react';
import { EvaluationList, type EvaluationItem } from './evaluation-list';

jest.mock('next/navigation', () => ({
  useRouter: () => ({ push: jest.fn(), refresh: jest.fn() }),
}));

function item(status: string): EvaluationItem {
  return {
    id: 'e1',
    ownerId: 'u1',
    modelId: 'm1',
    modelName: 'diamonds price',
    datasetId: 'd2',
    datasetName: 'diamonds_test',
    status,
    error: null,
    jobId: 'j1',
    metrics: status === 'COMPLETED' ? { rmse: 512.5, mae: 260, r2: 0.98 } : null,
    createdAt: '2026-12-03T19:00:00.000Z',
    finishedAt: null,
    hasRows: status === 'COMPLETED',
    job: null,
  } as EvaluationItem;
}

/** Answers GET /api/evaluations with each answer in turn: a list, or a failure status. */
function serve(...answers: (EvaluationItem[] | number)[]) {
  global.fetch = jest.fn(async () => {
    const answer = answers.length > 1 ? answers.shift()! : answers[0];
    if (typeof answer === 'number') {
      return { ok: false, status: answer, json: async () => ({ error: { message: 'Busy.' } }) };
    }
    return { ok: true, status: 200, json: async () => ({ evaluations: answer }) };
  }) as never;
}

async function wait(ms: number) {
  await act(async () => {
    jest.advanceTimersByTime(ms);
  });
}

describe('EvaluationList', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('keeps polling after a failed request and shows the evaluation completed', async () => {
    serve(503, [item('RUNNING')], [item('COMPLETED')]);
    render(<EvaluationList initial={[item('QUEUED')]} />);
    expect(screen.getByTestId('evaluation-status')).toHaveTextContent('QUEUED');

    await wait(1500);
    expect(screen.getByRole('alert')).toHaveTextContent('Busy.');
    await wait(1500);
    expect(screen.getByTestId('evaluation-status')).toHaveTextContent('RUNNING');
    expect(screen.queryByRole('alert')).toBeNull();
    await wait(1500);
    expect(screen.getByTestId('evaluation-status')).toHaveTextContent('COMPLETED');
    expect(screen.getByRole('row', { name: /diamonds price/ })).toHaveTextContent('512.5');

    // Nothing left to follow: no more requests.
    const calls = (global.fetch as jest.Mock).mock.calls.length;
    await wait(5000);
    expect(global.fetch).toHaveBeenCalledTimes(calls);
  });
});
