// /predicting: use a completed model on new data — batch predictions of a dataset, a manual
// table predicted at once, and plots of the predictions.
import type { Metadata } from 'next';
import { EmptyState } from '@/components/empty-state';
import { PredictIcon } from '@/components/icons';
import { PredictingWorkspace } from '@/components/predicting/predicting-workspace';
import type { PredictionItem } from '@/components/predicting/types';
import { PageHeader } from '@/components/workspace/page-header';
import { listDatasets, listModels, listPredictions } from '@/lib/access';
import { getSessionUser } from '@/lib/auth/session';
import { predictionViews } from '@/lib/predictions/batch';

export const metadata: Metadata = { title: 'Predicting' };
export const dynamic = 'force-dynamic';

export default async function PredictingPage() {
  // The workspace layout has already sent visitors without a session to /login.
  const user = await getSessionUser();
  const models = user ? (await listModels(user.id)).filter((m) => m.status === 'COMPLETED') : [];
  const header = (
    <PageHeader title="Predicting" summary="Fill in the missing column of new data with a model." />
  );
  if (!user || models.length === 0) {
    return (
      <>
        {header}
        <EmptyState
          icon={<PredictIcon />}
          title="No model to predict with yet"
          description="Give a model a CSV file without the value to predict; Cidra-ML adds a column with its predictions, ready to download. You can also type rows in by hand."
          firstStep="train a model. Any trained model can then predict here."
          action={{ href: '/models', label: 'Go to Models' }}
        />
      </>
    );
  }
  const datasets = await listDatasets(user.id);
  const predictions = await predictionViews(user.id, await listPredictions(user.id));
  return (
    <>
      {header}
      <PredictingWorkspace
        models={models.map((m) => ({ id: m.id, name: m.name, label: m.label }))}
        datasets={datasets.map((d) => ({ id: d.id, name: d.name, rowCount: d.rowCount }))}
        // Dates become strings on the way to the browser, as the API answers them.
        predictions={JSON.parse(JSON.stringify(predictions)) as PredictionItem[]}
      />
    </>
  );
}
