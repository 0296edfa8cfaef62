// The profile panel draws the missing-values chart only when a column has missing cells, and says
// so in a sentence otherwise.
import { render, screen } from '@testing-library/react';
import type { CategoryColumnProfile, DatasetProfile } from '@/lib/datasets/profile';
import { ProfilePanel } from './profile-panel';

// Vega draws in a real browser (tests/e2e); here what matters is which charts are drawn.
jest.mock('@/components/charts/vega-chart', () => ({
  VegaChart: ({ label }: { label: string }) => <figure aria-label={label} />,
}));

function column(name: string, missing: number): CategoryColumnProfile {
  return {
    name,
    kind: 'categorical',
    missing,
    missingPercent: missing * 10,
    count: 10 - missing,
    unique: 2,
    top: 'a',
    topCount: 5,
    levels: [
      { value: 'a', count: 5 },
      { value: 'b', count: 5 - missing },
    ],
  };
}

function serve(profile: DatasetProfile) {
  global.fetch = jest.fn(async () => ({
    ok: true,
    status: 200,
    json: async () => ({ profile, job: null }),
  })) as unknown as typeof fetch;
}

function profileOf(missing: number[]): DatasetProfile {
  return {
    rowCount: 10,
    columns: missing.map((m, i) => column(`c${i}`, m)),
    correlation: null,
    kinds: {},
    computeMs: 1,
  };
}

describe('the missing values of a profile', () => {
  it('are a sentence naming the column count when no column misses a value', async () => {
    serve(profileOf([0, 0, 0]));
    render(<ProfilePanel datasetId="d1" fileName="cars" />);

    expect(await screen.findByText('No missing values in any of the 3 columns.')).toBeVisible();
    expect(screen.queryByRole('figure', { name: 'Missing values per column' })).toBeNull();
    expect(screen.getByRole('figure', { name: 'Counts of c0' })).toBeInTheDocument();
  });

  it('are a chart as soon as one column misses a value', async () => {
    serve(profileOf([0, 2, 0]));
    render(<ProfilePanel datasetId="d1" fileName="cars" />);

    expect(await screen.findByRole('figure', { name: 'Missing values per column' })).toBeVisible();
    expect(screen.queryByText(/No missing values/)).toBeNull();
  });
});
