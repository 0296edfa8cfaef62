// The models list: live status while training, errors of failed models, cancelling, empty state.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { ModelsBoard } from './models-board';
import type { ModelSummary } from './types';

const started = new Date(Date.now() - 65_000).toISOString();

function model(overrides: Partial<ModelSummary>): ModelSummary {
  return {
    id: 'm1',
    name: '<b>mpg</b>',
    description: '',
    status: 'TRAINING',
    label: 'Miles_per_Gallon',
    datasetId: 'd1',
    datasetName: 'cars',
    source: 'trained',
    preset: 'medium_quality',
    timeLimitSec: 60,
    evalMetric: 'rmse',
    createdAt: started,
    trainingSec: null,
    error: null,
    validation: null,
    features: [],
    job: {
      id: 'j1',
      status: 'RUNNING',
      progress: 40,
      message: 'fitting boosted trees, fold 3/5',
      startedAt: started,
      finishedAt: null,
    },
    ...overrides,
  };
}

/** fetch answering GET /api/models with the next list of `answers` (the last one repeats). */
function serveLists(...answers: ModelSummary[][]) {
  const calls: string[] = [];
  global.fetch = jest.fn(async (url: string, init?: RequestInit) => {
    calls.push(`${init?.method ?? 'GET'} ${url}`);
    if (url !== '/api/models') return { ok: true, status: 200, json: async () => ({ job: {} }) };
    const models = (answers.length > 1 ? answers.shift() : answers[0]) ?? [];
    return { ok: true, status: 200, json: async () => ({ models }) };
  }) as never;
  return calls;
}

async function flush(ms = 0) {
  await act(async () => {
    jest.advanceTimersByTime(ms);
  });
}

describe('ModelsBoard', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('shows a training model’s progress and step, then its score once it completes', async () => {
    const done = model({
      status: 'COMPLETED',
      trainingSec: 61,
      validation: { rmse: 2.912, mae: 2.1, r2: 0.86 },
      job: null,
    });
    const calls = serveLists([model({})], [done]);
    render(<ModelsBoard />);
    await flush();

    const row = screen.getByTestId('model-row');
    expect(within(row).getByTestId('model-status')).toHaveTextContent('TRAINING');
    expect(within(row).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '40');
    expect(row).toHaveTextContent('fitting boosted trees, fold 3/5');
    expect(row).toHaveTextContent(/00:01:0\d elapsed · limit 1 min/);
    // User text is text: the name shows its tags literally.
    expect(within(row).getByRole('link', { name: '<b>mpg</b>' })).toHaveAttribute(
      'href',
      '/models/m1',
    );

    await flush(2000);
    expect(within(row).getByTestId('model-status')).toHaveTextContent('COMPLETED');
    expect(row).toHaveTextContent('RMSE 2.912');
    expect(row).toHaveTextContent('trained in 00:01:01');
    expect(calls.filter((c) => c === 'GET /api/models')).toHaveLength(2);

    // Nothing trains any more: no further requests.
    await flush(6000);
    expect(calls.filter((c) => c === 'GET /api/models')).toHaveLength(2);
  });

  it('counts elapsed time on the server’s clock, not the browser’s', async () => {
    // The server's clock runs 10 minutes ahead of this browser's.
    const serverNow = () => new Date(Date.now() + 600_000).toUTCString();
    const started = new Date(Date.now() + 600_000 - 65_000).toISOString();
    const training = model({ job: { ...model({}).job!, startedAt: started } });
    global.fetch = jest.fn(async () => ({
      ok: true,
      status: 200,
      headers: { get: (name: string) => (name === 'date' ? serverNow() : null) },
      json: async () => ({ models: [training] }),
    })) as never;
    render(<ModelsBoard />);
    await flush();

    expect(screen.getByTestId('model-row')).toHaveTextContent(/00:01:0\d elapsed/);
  });

  it('shows a failed model’s message and a link-less dataset once the dataset is deleted', async () => {
    serveLists([
      model({
        status: 'FAILED',
        error: "target column 'price' has text values such as 'n/a', 'unknown'",
        datasetId: null,
        job: null,
      }),
    ]);
    render(<ModelsBoard />);
    await flush();

    expect(screen.getByTestId('model-error')).toHaveTextContent(
      "target column 'price' has text values such as 'n/a', 'unknown'",
    );
    expect(screen.getByText('cars (deleted)')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Cancel/ })).toBeNull();
  });

  it('cancels a training model through its job and reloads the list', async () => {
    const calls = serveLists([model({})], [model({ status: 'CANCELLED', job: null })]);
    render(<ModelsBoard />);
    await flush();

    fireEvent.click(screen.getByRole('button', { name: 'Cancel training <b>mpg</b>' }));
    await flush();
    expect(calls).toContain('POST /api/jobs/j1/cancel');
    expect(screen.getByTestId('model-status')).toHaveTextContent('CANCELLED');
  });

  it('shows the empty state when there are no models', async () => {
    serveLists([]);
    render(<ModelsBoard />);
    await flush();

    expect(screen.getByRole('heading', { name: 'No models yet' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Train a model' })).toHaveAttribute(
      'href',
      '/models/new',
    );
  });
});
