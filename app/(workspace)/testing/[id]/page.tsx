// /testing/:id: one evaluation — its metrics, charts and test leaderboard, or its live status.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DeleteEvaluationButton } from '@/components/testing/delete-evaluation-button';
import { EvaluationProgress } from '@/components/testing/evaluation-progress';
import { formatSeconds } from '@/components/testing/format';
import { TestLeaderboardTable } from '@/components/testing/leaderboard-table';
import { MetricsTable } from '@/components/testing/metrics-table';
import { ResultCharts } from '@/components/testing/result-charts';
import { EvaluationStatus } from '@/components/testing/status-badge';
import { getEvaluation, getModel } from '@/lib/access';
import { getSessionUser } from '@/lib/auth/session';
import { formatBytes, formatCount, formatDate } from '@/lib/datasets/format';
import type { EvaluationResult } from '@/lib/evaluations/types';

export const metadata: Metadata = { title: 'Evaluation' };
export const dynamic = 'force-dynamic';

export default async function EvaluationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await getSessionUser();
  const { id } = await params;
  const evaluation = user ? await getEvaluation(user.id, id) : null;
  if (!user || !evaluation) notFound();
  const model = await getModel(user.id, evaluation.modelId);
  const modelName = model?.name ?? 'Deleted model';
  const result = evaluation.status === 'COMPLETED' ? (evaluation.result as EvaluationResult) : null;
  const fileName = `evaluation-${evaluation.id.slice(0, 8)}`;

  return (
    <>
      <nav className="mb-2 text-sm">
        <Link href="/testing" className="text-indigo-700 hover:underline">
          ← Testing
        </Link>
      </nav>
      <div className="mb-8 space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
          {modelName} <span className="font-normal text-slate-500">on</span>{' '}
          {evaluation.datasetName}
        </h1>
        <p className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
          <EvaluationStatus status={evaluation.status} />
          <span>Started {formatDate(evaluation.createdAt)}</span>
          {evaluation.finishedAt && <span>finished {formatDate(evaluation.finishedAt)}</span>}
          <DeleteEvaluationButton
            id={evaluation.id}
            name={`${modelName} on ${evaluation.datasetName}`}
            redirectTo="/testing"
          />
        </p>
      </div>

      {!result && evaluation.status !== 'FAILED' && evaluation.status !== 'CANCELLED' && (
        <EvaluationProgress id={evaluation.id} initialStatus={evaluation.status} />
      )}
      {evaluation.status === 'FAILED' && (
        <p
          role="alert"
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-800"
        >
          {evaluation.error ?? 'The evaluation failed.'}
        </p>
      )}
      {evaluation.status === 'CANCELLED' && (
        <p className="text-slate-600">This evaluation was cancelled before it finished.</p>
      )}
      {result && <ResultView result={result} id={evaluation.id} fileName={fileName} />}
    </>
  );
}

function ResultView({
  result,
  id,
  fileName,
}: {
  result: EvaluationResult;
  id: string;
  fileName: string;
}) {
  const { timings } = result;
  return (
    <div className="space-y-10">
      <section aria-labelledby="metrics-heading" className="space-y-3">
        <h2 id="metrics-heading" className="text-lg font-semibold text-slate-900">
          Metrics
        </h2>
        <MetricsTable metrics={result.metrics} label={result.label} />
        <p className="text-sm text-slate-600">
          Read {formatSeconds(timings.readSec)}, predicted {formatSeconds(timings.predictSec)}, test
          leaderboard {formatSeconds(timings.leaderboardSec)}, scored rows written{' '}
          {formatSeconds(timings.writeSec)}.
        </p>
        {result.warnings.length > 0 && (
          <ul className="list-disc space-y-1 pl-5 text-sm text-amber-800" aria-label="Warnings">
            {result.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        )}
        <a
          href={`/api/evaluations/${id}/rows`}
          className="inline-flex rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
        >
          Download scored rows (CSV, {formatCount(result.rowsFile.rows)} rows,{' '}
          {formatBytes(result.rowsFile.sizeBytes)})
        </a>
      </section>

      <section aria-labelledby="charts-heading" className="space-y-3">
        <h2 id="charts-heading" className="text-lg font-semibold text-slate-900">
          Charts
        </h2>
        <ResultCharts result={result} fileName={fileName} part="rows" />
      </section>

      <section aria-labelledby="leaderboard-heading" className="space-y-3">
        <h2 id="leaderboard-heading" className="text-lg font-semibold text-slate-900">
          Leaderboard on the test data
        </h2>
        <p className="text-sm text-slate-600">
          Every model inside the predictor, scored on{' '}
          {result.leaderboardRows < result.metrics.rowsScored
            ? `a random sample of ${formatCount(result.leaderboardRows)} of the test rows`
            : 'the test rows'}
          , next to its validation score from training. Times are from training.
        </p>
        <TestLeaderboardTable rows={result.leaderboard} />
        <ResultCharts result={result} fileName={fileName} part="leaderboard" />
      </section>
    </div>
  );
}
