// /testing: evaluate a completed model on a labelled dataset, and the list of results.
import type { Metadata } from 'next';
import { EmptyState } from '@/components/empty-state';
import { TestIcon } from '@/components/icons';
import { EvaluationForm } from '@/components/testing/evaluation-form';
import { EvaluationList, type EvaluationItem } from '@/components/testing/evaluation-list';
import { PageHeader } from '@/components/workspace/page-header';
import { listDatasets, listEvaluations, listModels } from '@/lib/access';
import { getSessionUser } from '@/lib/auth/session';
import { schemaOf } from '@/lib/datasets/types';
import { storedModelColumns } from '@/lib/evaluations/model-columns';
import { metadataOf } from '@/lib/models/summary';
import { evaluationListView } from '@/lib/evaluations/view';

export const metadata: Metadata = { title: 'Testing' };
export const dynamic = 'force-dynamic';

export default async function TestingPage() {
  // The workspace layout has already sent visitors without a session to /login.
  const user = await getSessionUser();
  if (!user) return null;
  const [models, datasets, evaluations] = await Promise.all([
    listModels(user.id),
    listDatasets(user.id),
    listEvaluations(user.id),
  ]);
  const completed = models.filter((model) => model.status === 'COMPLETED');
  // Dates become strings, as the list's polling receives them.
  const items = JSON.parse(JSON.stringify(evaluations.map(evaluationListView))) as EvaluationItem[];

  return (
    <>
      <PageHeader title="Testing" summary="How well your models predict data they have not seen." />
      <div className="space-y-8">
        {completed.length === 0 || datasets.length === 0 ? (
          <EmptyState
            icon={<TestIcon />}
            title={completed.length === 0 ? 'No model to test yet' : 'No dataset to test on'}
            description="Run a model on a dataset whose true values you know, and compare: error measures such as RMSE and MAE, and charts of predicted against actual values."
            firstStep="train a model, then test it here on a dataset it was not trained on."
            action={
              completed.length === 0
                ? { href: '/models', label: 'Go to Models' }
                : { href: '/datasets', label: 'Go to Datasets' }
            }
          />
        ) : (
          <EvaluationForm
            models={completed.map((model) => ({
              id: model.id,
              name: model.name,
              label: model.label,
              features: storedModelColumns(model)?.features ?? null,
              datasetId: model.datasetId,
              datasetName: metadataOf(model).datasetName,
            }))}
            datasets={datasets.map((dataset) => ({
              id: dataset.id,
              name: dataset.name,
              columns: schemaOf(dataset).columns.map((column) => column.name),
            }))}
          />
        )}
        <section aria-labelledby="results-heading" className="space-y-3">
          <h2 id="results-heading" className="text-lg font-semibold text-slate-900">
            Results
          </h2>
          <EvaluationList initial={items} />
        </section>
      </div>
    </>
  );
}
