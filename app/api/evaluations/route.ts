// /api/evaluations — GET the user's evaluations (newest first, with job progress); POST
// { modelId, datasetId } checks the dataset against the model and queues an 'evaluate' job.
import { listEvaluations } from '@/lib/access';
import { requireUser } from '@/lib/auth/session';
import { startEvaluation } from '@/lib/evaluations/start';
import { evaluationInputSchema } from '@/lib/evaluations/types';
import { evaluationListView, evaluationView } from '@/lib/evaluations/view';
import { apiRoute, json, parseInput, readJson } from '@/lib/http';
import { jobView } from '@/lib/queue';

export const GET = apiRoute(async (request: Request) => {
  const user = await requireUser(request);
  const rows = await listEvaluations(user.id);
  return json({ evaluations: rows.map(evaluationListView) });
});

export const POST = apiRoute(async (request: Request) => {
  const user = await requireUser(request);
  const input = parseInput(evaluationInputSchema, await readJson(request));
  const { evaluation, job } = await startEvaluation(user.id, input);
  return json({ evaluation: evaluationView(evaluation), job: jobView(job) }, { status: 201 });
});
