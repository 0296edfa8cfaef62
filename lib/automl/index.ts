// Public API of the AutoML engine: fit a predictor on a table, load one from a model file.

import { decodeModel } from './model-file';
import { Predictor } from './predictor';

export { fit, type FitOptions } from './fit';
export { Predictor, ENSEMBLE_NAME, type DetailedEvaluation } from './predictor';
export type { PredictAsyncOptions } from './predict-async';
export type {
  Evaluation,
  FeatureInfo,
  LeaderboardRow,
  PredictResult,
  TrainingMetadata,
} from './predictor';
export type { RegressionMetrics } from './metrics';
export type { FeatureImportance, ImportanceOptions, ImportanceResult } from './importance';
export { PRESETS, PRESET_NAMES, type PresetName } from './presets';
export { regressionMetrics } from './metrics';
export type { DataWarning, DroppedColumn } from './features';
export { AutoMLError, type AutoMLErrorCode } from './errors';
export { columnTable, rowsTable, type TableLike } from './table';
export { FitOptionsSchema, type FitOptionsInput } from './options';
export { familyNames } from './families';
export type { ColumnKind } from './types';

/** Reads a model file written by `Predictor.save()`; predictions equal the original's bit for bit. */
export async function loadPredictor(bytes: Uint8Array): Promise<Predictor> {
  return new Predictor(await decodeModel(bytes));
}
