/**
 * The owner-scoped data-access layer: the only code that reads or writes user-owned rows.
 *
 * Every dataset, model, job, evaluation and prediction belongs to one user. Each resource has one
 * module here (`datasets.ts`, `models.ts`, `jobs.ts`, …) whose every function takes the owner's id
 * first and filters by it with `ownedBy` / `ownedRow`. A row of another user is therefore
 * indistinguishable from a missing one: the function answers null (or nothing), and the route
 * turns null into 404 with `orNotFound`, never 403, so ids of other users' data leak nothing.
 *
 * A route handler reads as: `const user = await requireUser(request)` (401 without a session),
 * then `orNotFound(await getDataset(user.id, id), 'Dataset')`. Routes and job handlers never
 * query owned tables with `getDb()` directly; a new resource gets a new module here, written
 * like `datasets.ts`, plus a case in tests/integration/isolation.test.ts.
 *
 * Writes of job rows (enqueue, progress, cancel) belong to lib/queue, which applies the same
 * owner filter; this layer only reads them for listings.
 */
export { isUuid, orNotFound, ownedBy, ownedRow, type OwnedTable } from './owned';
export * from './datasets';
export * from './models';
export * from './jobs';
export * from './evaluations';
export * from './predictions';
export * from './tokens';
