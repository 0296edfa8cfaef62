// The fitted feature pipeline: turns a table into the model's FeatureMatrix, the same way every time.

import { AutoMLError } from '../errors';
import type { TableLike } from '../table';
import type { ColumnKind, FeatureMatrix, MatrixFeature } from '../types';
import {
  booleanColumn,
  categoricalColumn,
  DEFAULT_VOCABULARY,
  fitBoolean,
  fitVocabulary,
  numericColumn,
  singleFeature,
  type BooleanEncoder,
  type CategoricalEncoder,
  type NumericEncoder,
  type VocabularyOptions,
} from './encoders';
import {
  datetimeColumns,
  derivedFeatures,
  fitDatetime,
  fitText,
  textColumns,
  timestampColumn,
  type DatetimeEncoder,
  type TextEncoder,
} from './derived';
import { profileColumn, type ColumnProfile, type DroppedColumn } from './infer';
import type { DataWarning } from './warnings';

/** The learned state of one source column; JSON-safe, stored in the model file. */
export type ColumnEncoder =
  NumericEncoder | BooleanEncoder | CategoricalEncoder | DatetimeEncoder | TextEncoder;

/** What to build the pipeline from. */
export interface PipelineOptions {
  label: string;
  /** Feature columns to use; default all columns but the label. */
  features?: string[];
  /** Kinds fixed by the user, overriding inference (keys not among the features are ignored). */
  kinds?: Record<string, ColumnKind>;
  vocabulary?: VocabularyOptions;
}

/** The result of fitting: the pipeline plus what was learned about each column. */
export interface PipelineFit {
  pipeline: FeaturePipeline;
  profiles: ColumnProfile[];
  dropped: DroppedColumn[];
}

/** A matrix and the problems met while building it. */
export interface TransformResult {
  X: FeatureMatrix;
  warnings: DataWarning[];
}

/** Maps tables to feature matrices with the encoders learned at fit time. */
export class FeaturePipeline {
  /** The matrix columns, in order, that `transform` produces. */
  readonly features: MatrixFeature[];

  constructor(readonly encoders: ColumnEncoder[]) {
    this.features = encoders.flatMap((encoder) =>
      encoder.kind === 'datetime' || encoder.kind === 'text'
        ? derivedFeatures(encoder)
        : [singleFeature(encoder)],
    );
  }

  /** Source columns the pipeline reads. */
  get sources(): string[] {
    return this.encoders.map((encoder) => encoder.source);
  }

  /**
   * Builds the matrix for every row of `table`. Throws MISSING_COLUMNS naming every absent feature
   * column; extra columns and any column order are fine. `training` silences unseen-level notices.
   */
  transform(table: TableLike, training = false): TransformResult {
    const present = new Set(table.columnNames());
    const missing = this.sources.filter((source) => !present.has(source));
    if (missing.length > 0) {
      const list = missing.join(', ');
      throw new AutoMLError(
        'MISSING_COLUMNS',
        `missing feature column${missing.length > 1 ? 's' : ''}: ${list} (the model uses ${this.sources.join(', ')})`,
        { columns: missing },
      );
    }
    const warnings: DataWarning[] = [];
    const columns = this.encoders.flatMap((encoder) =>
      encodeColumn(encoder, table.array(encoder.source), warnings, training),
    );
    return { X: { numRows: table.numRows(), features: this.features, columns }, warnings };
  }
}

function encodeColumn(
  encoder: ColumnEncoder,
  values: ArrayLike<unknown>,
  warnings: DataWarning[],
  training: boolean,
): Float64Array[] {
  switch (encoder.kind) {
    case 'numeric':
      return [numericColumn(encoder.source, values, warnings)];
    case 'boolean':
      return [booleanColumn(encoder, values, warnings)];
    case 'categorical':
      return [categoricalColumn(encoder.source, encoder.levels, values, warnings, !training)];
    case 'datetime':
      return datetimeColumns(encoder, timestampColumn(encoder.source, values, warnings));
    case 'text':
      return textColumns(encoder, values);
  }
}

/**
 * Infers kinds on the training `rows`, drops useless columns and learns each encoder. Throws
 * NO_USABLE_FEATURES, listing why each column was dropped, when nothing is left.
 */
export function fitPipeline(table: TableLike, rows: Uint32Array, options: PipelineOptions) {
  const names = featureNames(table, options);
  const vocabulary = options.vocabulary ?? DEFAULT_VOCABULARY;
  const profiles = names.map((name) =>
    profileColumn(name, table.array(name), rows, options.kinds?.[name]),
  );
  const dropped = profiles.flatMap((profile) => (profile.dropped ? [profile.dropped] : []));
  const kept = profiles.filter((profile) => !profile.dropped);
  if (kept.length === 0) {
    const why = dropped.map((column) => column.message).join(', ');
    throw new AutoMLError(
      'NO_USABLE_FEATURES',
      names.length === 0
        ? 'no feature columns besides the label'
        : `no usable feature columns: ${why}`,
      { dropped },
    );
  }
  const encoders = kept.map((profile) =>
    fitEncoder(profile, table.array(profile.name), rows, vocabulary),
  );
  return { pipeline: new FeaturePipeline(encoders), profiles, dropped } satisfies PipelineFit;
}

function featureNames(table: TableLike, options: PipelineOptions): string[] {
  const columns = table.columnNames();
  if (options.features === undefined) return columns.filter((name) => name !== options.label);
  const present = new Set(columns);
  const absent = options.features.filter((name) => !present.has(name));
  if (absent.length > 0) {
    throw new AutoMLError('MISSING_COLUMNS', `feature columns not found: ${absent.join(', ')}`, {
      columns: absent,
    });
  }
  if (options.features.includes(options.label)) {
    throw new AutoMLError(
      'INVALID_OPTION',
      `the label '${options.label}' cannot also be a feature`,
      { field: 'features' },
    );
  }
  return [...new Set(options.features)];
}

function fitEncoder(
  profile: ColumnProfile,
  values: ArrayLike<unknown>,
  rows: Uint32Array,
  vocabulary: VocabularyOptions,
): ColumnEncoder {
  const source = profile.name;
  switch (profile.kind) {
    case 'numeric':
      return { kind: 'numeric', source };
    case 'boolean':
      return fitBoolean(source, values, rows);
    case 'categorical':
      return { kind: 'categorical', source, levels: fitVocabulary(values, rows, vocabulary) };
    case 'datetime':
      return fitDatetime(source, timestampColumn(source, values, []), rows);
    case 'text':
      return fitText(source, values, rows, vocabulary);
  }
}
