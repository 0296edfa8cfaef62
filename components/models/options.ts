// What the train form offers: presets with a one-line explanation, model families, metrics.

/** The engine's presets (lib/automl/presets.ts), each explained in one line. */
export const presets = [
  {
    value: 'medium_quality',
    label: 'Medium quality',
    description: 'One holdout split and fast models (boosted trees, ridge, forests, kNN): quick.',
  },
  {
    value: 'good_quality',
    label: 'Good quality',
    description:
      '5-fold bagging of every family, neural network included: every model scored out of fold.',
  },
  {
    value: 'high_quality',
    label: 'High quality',
    description:
      'As good quality plus a stacking level, kept if it wins on held-out rows: about 2 × the time.',
  },
  {
    value: 'best_quality',
    label: 'Best quality',
    description:
      '8-fold bagging, more boosted-tree variants and checked stacking: the most accuracy, about 2 × high quality.',
  },
] as const;

/** Model families the engine fits, as the form's checkboxes show them. */
export const families = [
  { value: 'gbdt', label: 'Boosted trees (gbdt)' },
  { value: 'linear', label: 'Ridge regression (linear)' },
  { value: 'rf', label: 'Random forest (rf)' },
  { value: 'xt', label: 'Extra trees (xt)' },
  { value: 'knn', label: 'k-nearest neighbours (knn)' },
  { value: 'mlp', label: 'Neural network (mlp)' },
] as const;

/** Evaluation metrics: the score the ensemble is chosen by. */
export const metrics = [
  { value: 'rmse', label: 'RMSE (root mean squared error)' },
  { value: 'mae', label: 'MAE (mean absolute error)' },
  { value: 'r2', label: 'R² (coefficient of determination)' },
] as const;
