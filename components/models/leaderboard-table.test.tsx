// The leaderboard table: best score first, any column sortable both ways, reasons of skipped models.
import { fireEvent, render, screen, within } from '@testing-library/react';
import { LeaderboardTable } from './leaderboard-table';
import type { LeaderboardRow } from './types';

function row(
  name: string,
  rmse: number | null,
  fitSec: number,
  extra: Partial<LeaderboardRow> = {},
) {
  return {
    name,
    family: name,
    status: 'ok',
    validationRmse: rmse,
    fitSec,
    validationPredictSec: 0.01,
    stackLevel: 1,
    foldCount: 1,
    ensembleWeight: 0,
    ...extra,
  } satisfies LeaderboardRow;
}

const rows: LeaderboardRow[] = [
  row('linear', 3.4, 0.2),
  row('mlp', null, 0, { status: 'skipped', reason: 'not enough time left (needs about 40 s)' }),
  row('WeightedEnsemble', 2.8, 0.1, { ensembleWeight: 1, stackLevel: 2 }),
  row('gbdt', 2.9, 4.5, { ensembleWeight: 0.6 }),
];

const names = () =>
  screen
    .getAllByTestId('leaderboard-row')
    .map((r) => within(r).getAllByRole('cell')[0].firstChild?.textContent);

describe('LeaderboardTable', () => {
  it('lists the best validation score first and unscored models last, with their reason', () => {
    render(<LeaderboardTable rows={rows} />);

    expect(names()).toEqual(['WeightedEnsemble', 'gbdt', 'linear', 'mlp']);
    expect(screen.getByRole('columnheader', { name: /Validation RMSE/ })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    const skipped = screen.getAllByTestId('leaderboard-row')[3];
    expect(
      within(skipped)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['mlp mlp', '–', '–', '–', '1', '1', '–', 'skipped']);
    // The reason on its own line below the row, across the table.
    const reason = screen.getByTestId('leaderboard-reason');
    expect(skipped.nextElementSibling).toBe(reason);
    expect(within(reason).getByRole('cell')).toHaveAttribute('colspan', '8');
    expect(reason).toHaveTextContent('mlp: not enough time left (needs about 40 s)');
  });

  it('shows the note of a model that fitted but was left out of the ensemble', () => {
    const note =
      'left out of the ensemble for speed: it would take about 89% of the prediction time, ' +
      'and the ensemble scores 0.01% worse without it';
    render(<LeaderboardTable rows={[row('knn_distance', 7.7, 0.7, { reason: note })]} />);
    expect(screen.getByTestId('leaderboard-row')).toHaveTextContent(/ok$/);
    expect(screen.getByTestId('leaderboard-reason')).toHaveTextContent(`knn_distance: ${note}`);
  });

  it('sorts by the clicked column, and the other way on a second click', () => {
    render(<LeaderboardTable rows={rows} />);
    const fit = screen.getByRole('button', { name: /Fit time/ });

    fireEvent.click(fit);
    expect(names()).toEqual(['mlp', 'WeightedEnsemble', 'linear', 'gbdt']);
    fireEvent.click(fit);
    expect(names()).toEqual(['gbdt', 'linear', 'WeightedEnsemble', 'mlp']);
    expect(screen.getByRole('columnheader', { name: /Fit time/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
  });

  it('ranks by the chosen metric, highest first for R², with RMSE beside it', () => {
    const scored = [
      row('linear', 3.4, 0.2, { validationScore: 0.8 }),
      row('gbdt', 2.9, 4.5, { validationScore: 0.86 }),
      row('mlp', null, 0, { status: 'skipped', validationScore: null }),
    ];
    render(<LeaderboardTable rows={scored} metric="r2" />);

    expect(names()).toEqual(['gbdt', 'linear', 'mlp']);
    expect(screen.getByRole('columnheader', { name: /Validation R²/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    expect(screen.getByRole('columnheader', { name: /Validation RMSE/ })).toBeInTheDocument();
    expect(screen.getAllByTestId('leaderboard-row')[0]).toHaveTextContent('gbdt gbdt0.862.9');
  });
});
