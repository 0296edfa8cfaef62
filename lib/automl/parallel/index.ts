// Parallel model fitting on worker threads.
export { WorkerPool, defaultThreadCount } from './pool';
export { shareLabelled, shareMatrix } from './shared';
