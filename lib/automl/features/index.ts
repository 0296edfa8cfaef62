// Feature pipeline: kind inference, dropped columns, encoders and the table-to-matrix transform.

export { FeaturePipeline, fitPipeline } from './pipeline';
export type { ColumnEncoder, PipelineFit, PipelineOptions, TransformResult } from './pipeline';
export type { ColumnProfile, DroppedColumn } from './infer';
export { ignoredColumnNotice, type DataWarning } from './warnings';
export { DEFAULT_VOCABULARY, type VocabularyOptions } from './encoders';
export { isMissing, toNumber } from './values';
