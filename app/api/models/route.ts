// GET /api/models: the signed-in user's models with their training state, newest first.
// POST /api/models: train a model on one of the user's datasets (queues a 'train' job).
import { getModelWithJob, listModelsWithJobs, orNotFound } from '@/lib/access';
import { requireUser } from '@/lib/auth/session';
import { apiRoute, json, parseInput, readJson } from '@/lib/http';
import { startTraining } from '@/lib/models/create';
import { trainRequestSchema } from '@/lib/models/options';
import { modelSummary } from '@/lib/models/summary';
import { jobView } from '@/lib/queue';

export const GET = apiRoute(async (request: Request) => {
  const user = await requireUser(request);
  return json({ models: (await listModelsWithJobs(user.id)).map(modelSummary) });
});

export const POST = apiRoute(async (request: Request) => {
  const user = await requireUser(request);
  const input = parseInput(trainRequestSchema, await readJson(request));
  const { model, job } = await startTraining(user.id, input);
  const row = orNotFound(await getModelWithJob(user.id, model.id), 'Model');
  return json({ model: modelSummary(row), job: jobView(job) }, { status: 201 });
});
