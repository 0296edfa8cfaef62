// The test leaderboard: lowest test RMSE first; a skipped model shows no times and its reason below.
import { render, screen, within } from '@testing-library/react';
import type { TestLeaderboardRow } from '@/lib/evaluations/types';
import { TestLeaderboardTable } from './leaderboard-table';

function row(name: string, testRmse: number | null, extra: Partial<TestLeaderboardRow> = {}) {
  return {
    name,
    family: name,
    status: 'ok',
    validationRmse: testRmse,
    testRmse,
    fitSec: 1.5,
    validationPredictSec: 0.02,
    stackLevel: 1,
    ensembleWeight: 0.5,
    ...extra,
  } satisfies TestLeaderboardRow;
}

describe('TestLeaderboardTable', () => {
  it('puts a reason on its own line below its row, and no times for a model that did not fit', () => {
    const reason = 'left out by the stacking check: on 35 held-out rows the ensemble scored more';
    render(
      <TestLeaderboardTable
        rows={[
          row('gbdt_L2', null, { status: 'skipped', reason, fitSec: 0, validationPredictSec: 0 }),
          row('gbdt', 3.1),
          row('linear', 3.4),
        ]}
      />,
    );
    const rows = screen.getAllByTestId('leaderboard-row');
    expect(rows.map((r) => within(r).getByRole('rowheader').firstChild?.textContent)).toEqual([
      'gbdt',
      'linear',
      'gbdt_L2',
    ]);
    expect(within(rows[0]).getAllByRole('cell')[2]).toHaveTextContent('1.5 s');
    const skippedTimes = within(rows[2]).getAllByRole('cell').slice(2, 4);
    expect(skippedTimes.map((c) => c.textContent)).toEqual(['–', '–']);
    const line = screen.getByTestId('leaderboard-reason');
    expect(rows[2].nextElementSibling).toBe(line);
    expect(line).toHaveTextContent(`gbdt_L2: ${reason}`);
  });
});
