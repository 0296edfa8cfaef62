// Which dataset the Testing form offers first for a model: its test split when there is one,
// otherwise a dataset that holds its columns, and its own training data only as a last resort.

/** A model as the form knows it: its target, features (null: not recorded) and training data. */
export interface TestedModel {
  label: string | null;
  features: string[] | null;
  /** The training dataset; null when it was deleted or the model was uploaded. */
  datasetId: string | null;
  /** The training dataset's name when training started. */
  datasetName: string | null;
}

/** A dataset as the form knows it: its column names. */
export interface TestDataset {
  id: string;
  name: string;
  columns: string[];
}

/** "cars_test" for "cars_train" or "cars"; "cars_train_test" too, for a dataset so named. */
function siblingNames(trainingName: string): string[] {
  const base = trainingName.replace(/[_ -]train$/i, '');
  return [`${base}_test`, `${trainingName}_test`].map((name) => name.toLowerCase());
}

/** The model's target and features that `dataset` lacks, target first; [] when it holds them. */
export function missingColumns(dataset: TestDataset, model: TestedModel): string[] {
  const present = new Set(dataset.columns);
  const needed = [...(model.label ? [model.label] : []), ...(model.features ?? [])];
  return needed.filter((name) => !present.has(name));
}

function holdsColumns(dataset: TestDataset, model: TestedModel): boolean {
  return missingColumns(dataset, model).length === 0;
}

/**
 * The id of the dataset to preselect, `datasets` in list order (newest first): the training
 * data's `_test` sibling if it holds the model's columns; else the first other dataset that holds
 * them; else the training dataset; else the first dataset. Scoring a model on its own training
 * rows flatters it, so those are never chosen while another dataset fits.
 */
export function defaultTestDataset(model: TestedModel, datasets: TestDataset[]): string {
  const training = datasets.find((d) => d.id === model.datasetId);
  const others = datasets.filter((d) => d !== training && holdsColumns(d, model));
  const trainingName = training?.name ?? model.datasetName;
  const siblings = trainingName ? siblingNames(trainingName) : [];
  const sibling = others.find((d) => siblings.includes(d.name.toLowerCase()));
  return (sibling ?? others[0] ?? training ?? datasets[0])?.id ?? '';
}
