// Parallel model fitting on worker threads.
export { WorkerPool, defaultThreadCount } from './pool';
export { shareLabelled, shareMatrix } from './shared';
export { runFitTask, NOT_STARTED_MESSAGE, type TaskResult } from './task';
export type { FitRequest } from './messages';
