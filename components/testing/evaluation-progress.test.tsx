// The live status of an unfinished evaluation keeps refreshing through failed requests, and has
// the server page render the result once the evaluation ends.
import { act, render, screen } from '@testing-library/react';
import { EvaluationProgress } from './evaluation-progress';

const refresh = jest.fn();
jest.mock('next/navigation', () => ({ useRouter: () => ({ push: jest.fn(), refresh }) }));

function serve(...answers: (string | number)[]) {
  global.fetch = jest.fn(async () => {
    const answer = answers.length > 1 ? answers.shift()! : answers[0];
    if (typeof answer === 'number') {
      return { ok: false, status: answer, json: async () => ({ error: { message: 'Busy.' } }) };
    }
    const evaluations = [{ id: 'e1', status: answer, error: null, job: null }];
    return { ok: true, status: 200, json: async () => ({ evaluations }) };
  }) as never;
}

async function wait(ms: number) {
  await act(async () => {
    jest.advanceTimersByTime(ms);
  });
}

describe('EvaluationProgress', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('polls on after a failed request and refreshes the page when the evaluation completes', async () => {
    serve(503, 'RUNNING', 'COMPLETED');
    render(<EvaluationProgress id="e1" initialStatus="QUEUED" />);

    await wait(1500);
    expect(screen.getByText(/The status could not be refreshed: Busy\./)).toBeInTheDocument();
    await wait(1500);
    expect(screen.getByTestId('evaluation-status')).toHaveTextContent('RUNNING');
    expect(screen.queryByText(/could not be refreshed/)).toBeNull();
    await wait(1500);
    expect(screen.getByTestId('evaluation-status')).toHaveTextContent('COMPLETED');
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});
