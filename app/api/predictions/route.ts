// GET /api/predictions: the signed-in user's batch predictions, newest first (?modelId= filters).
// POST /api/predictions { modelId, datasetId }: predict every row of the dataset in the background.
import { listPredictions } from '@/lib/access';
import { requireUser } from '@/lib/auth/session';
import { apiRoute, json, parseInput, readJson } from '@/lib/http';
import { predictionView, predictionViews, startBatchPrediction } from '@/lib/predictions/batch';
import { batchPredictionSchema } from '@/lib/predictions/schema';

export const GET = apiRoute(async (request: Request) => {
  const user = await requireUser(request);
  const modelId = new URL(request.url).searchParams.get('modelId') ?? undefined;
  const rows = await listPredictions(user.id, modelId);
  return json({ predictions: await predictionViews(user.id, rows) });
});

export const POST = apiRoute(async (request: Request) => {
  const user = await requireUser(request);
  const input = parseInput(batchPredictionSchema, await readJson(request));
  const { prediction, job } = await startBatchPrediction(user.id, input);
  return json({ prediction: predictionView(prediction, { job }) }, { status: 201 });
});
