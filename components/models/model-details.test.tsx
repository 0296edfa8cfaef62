// The details page: facts, features, leaderboard and charts from GET /api/models/:id; delete.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ModelDetails } from './model-details';
import type { ModelDetails as Details } from './types';

const push = jest.fn();
jest.mock('next/navigation', () => ({ useRouter: () => ({ push, refresh: jest.fn() }) }));
// Vega draws in a real browser (tests/e2e); here the chart's spec is what matters.
jest.mock('@/components/charts/vega-chart', () => ({
  VegaChart: ({ label, spec }: { label: string; spec: { title: string } }) => (
    <figure aria-label={label}>{spec.title}</figure>
  ),
}));

const details: Details = {
  id: 'm1',
  name: 'mpg',
  description: '<script>alert(1)</script>',
  status: 'COMPLETED',
  label: 'Miles_per_Gallon',
  datasetId: null,
  datasetName: 'cars',
  source: 'trained',
  preset: 'good_quality',
  timeLimitSec: 3660,
  evalMetric: 'mae',
  createdAt: '2026-12-03T19:00:00.000Z',
  trainingSec: 3725,
  fitSec: 3600,
  error: null,
  validation: { rmse: 2.5, mae: 1.75, r2: 0.9 },
  features: [
    { name: 'Horsepower', kind: 'numeric' },
    { name: 'Origin', kind: 'categorical' },
  ],
  job: null,
  dropped: [{ name: 'Id', reason: 'identifier', message: 'Every value is different.' }],
  leaderboard: [
    {
      name: 'gbdt',
      family: 'gbdt',
      status: 'ok',
      validationRmse: 2.6,
      validationScore: 1.8,
      fitSec: 1,
      validationPredictSec: 0.1,
      stackLevel: 1,
      foldCount: 5,
      ensembleWeight: 1,
    },
  ],
  ensembleWeights: [{ name: 'gbdt', weight: 1 }],
  featureImportance: null,
};

function serve(model: Details = details) {
  const calls: string[] = [];
  global.fetch = jest.fn(async (url: string, init?: RequestInit) => {
    calls.push(`${init?.method ?? 'GET'} ${url}`);
    const body = init?.method === 'DELETE' ? { deleted: { id: 'm1' } } : { model };
    return { ok: true, status: 200, json: async () => body };
  }) as never;
  return calls;
}

describe('ModelDetails', () => {
  it('shows the facts, features, dropped columns, leaderboard and weights', async () => {
    serve();
    render(<ModelDetails id="m1" />);

    expect(await screen.findByRole('heading', { level: 1, name: 'mpg' })).toBeInTheDocument();
    expect(screen.getByText('<script>alert(1)</script>')).toBeInTheDocument();
    expect(screen.getByTestId('fact-Dataset')).toHaveTextContent('cars (deleted)');
    expect(screen.getByTestId('fact-Time limit')).toHaveTextContent('1 h 1 min');
    expect(screen.getByTestId('fact-Training duration')).toHaveTextContent(
      '01:02:05 (fitting models 01:00:00)',
    );
    expect(screen.getByTestId('fact-Validation MAE')).toHaveTextContent('1.75');
    expect(screen.getAllByTestId('feature-row').map((r) => r.textContent)).toEqual([
      'Horsepowernumeric',
      'Origincategorical',
    ]);
    expect(screen.getByTestId('dropped-row')).toHaveTextContent('IdidentifierEvery value');
    const leaderboard = screen.getByRole('table', { name: 'Leaderboard' });
    expect(within(leaderboard).getByRole('columnheader', { name: /Validation MAE/ })).toBeTruthy();
    expect(screen.getByRole('figure', { name: 'Leaderboard chart' })).toHaveTextContent(
      'Validation MAE by model (lower is better)',
    );
    expect(screen.getByTestId('weight-row')).toHaveTextContent('gbdt100.0 %');
    // A bagged preset measures no importance: the page says why instead of an empty chart.
    expect(screen.queryByRole('figure', { name: 'Feature importance chart' })).toBeNull();
    expect(screen.getByText(/Not measured for this model/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Download zip' })).toHaveAttribute(
      'href',
      '/api/models/m1/download',
    );
  });

  it('names the features whose importance the time left unmeasured', async () => {
    serve({
      ...details,
      featureImportance: [
        { feature: 'Horsepower', mean: 1.2, std: 0.1 },
        { feature: 'Origin', mean: null, std: null },
      ],
      featureImportanceRows: 'training',
    });
    render(<ModelDetails id="m1" />);

    expect(await screen.findByRole('figure', { name: 'Feature importance chart' })).toBeTruthy();
    expect(
      screen.getByText(/Not measured in the time the training left \(1 of 2\): Origin/),
    ).toBeInTheDocument();
  });

  it('describes a bagged fit as scored out of fold, not as a holdout', async () => {
    serve({
      ...details,
      engine: { folds: 5 },
      trainingRows: 318,
      validationRows: 318,
      holdoutFraction: 0.2,
    });
    render(<ModelDetails id="m1" />);

    expect(await screen.findByTestId('fact-Validation')).toHaveTextContent(
      '318 rows, each scored out of fold (5-fold bagging)',
    );
    expect(screen.queryByTestId('fact-Holdout')).toBeNull();
    expect(screen.queryByTestId('fact-Rows')).toBeNull();
  });

  it('describes a bagged preset as such while it trains, before the engine reports', async () => {
    serve({
      ...details,
      status: 'TRAINING',
      preset: 'best_quality',
      engine: undefined,
      trainingRows: 0,
      holdoutFraction: 0.2,
    });
    render(<ModelDetails id="m1" />);

    expect(await screen.findByTestId('fact-Validation')).toHaveTextContent(
      'each scored out of fold (8-fold bagging)',
    );
    expect(screen.queryByTestId('fact-Holdout')).toBeNull();
  });

  it('deletes after confirmation and goes back to the list', async () => {
    const calls = serve();
    render(<ModelDetails id="m1" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete mpg' }));
    expect(calls).not.toContain('DELETE /api/models/m1');
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));

    await waitFor(() => expect(push).toHaveBeenCalledWith('/models'));
    expect(calls).toContain('DELETE /api/models/m1');
  });
});
