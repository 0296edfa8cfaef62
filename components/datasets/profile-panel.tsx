'use client';
// The profile of a dataset: started as a background job when missing, then its tables and charts.
import { useCallback, useEffect, useState } from 'react';
import { VegaChart } from '@/components/charts/vega-chart';
import { focusRing } from '@/components/ui/button';
import { correlationSpec, countSpec, histogramSpec, missingSpec } from '@/lib/datasets/chart-specs';
import { formatCount, formatStat } from '@/lib/datasets/format';
import type {
  CategoryColumnProfile,
  DatasetProfile,
  NumericColumnProfile,
} from '@/lib/datasets/profile';
import { callApi } from './api';

/** Charts drawn per kind before "Show all": hundreds of charts would stall the browser. */
const CHARTS_SHOWN = 12;

interface JobState {
  id: string;
  status: 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
  progress: number;
  message: string;
  error: string | null;
}

function useProfile(datasetId: string) {
  const [profile, setProfile] = useState<DatasetProfile | null>(null);
  const [job, setJob] = useState<JobState | null>(null);
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    const body = await callApi<{ profile: DatasetProfile | null; job: JobState | null }>(
      `/api/datasets/${datasetId}/profile`,
    );
    setProfile(body.profile);
    setJob(body.job);
    return body;
  }, [datasetId]);

  const start = useCallback(async () => {
    setError(undefined);
    const body = await callApi<{ job: JobState }>(`/api/datasets/${datasetId}/profile`, {
      method: 'POST',
    });
    setJob(body.job);
  }, [datasetId]);

  useEffect(() => {
    load()
      .then((body) => {
        const active = body.job && (body.job.status === 'QUEUED' || body.job.status === 'RUNNING');
        if (!body.profile && !active && body.job?.status !== 'FAILED') return start();
      })
      .catch((caught: Error) => setError(caught.message));
  }, [load, start]);

  // Poll the job once a second while it waits or runs; load the profile when it is done.
  useEffect(() => {
    if (!job || (job.status !== 'QUEUED' && job.status !== 'RUNNING')) return;
    const timer = setTimeout(async () => {
      try {
        const { job: next } = await callApi<{ job: JobState }>(`/api/jobs/${job.id}`);
        if (next.status === 'COMPLETED') await load();
        else setJob(next);
      } catch (caught) {
        setError((caught as Error).message);
      }
    }, 1000);
    return () => clearTimeout(timer);
  }, [job, load]);

  return { profile, job, error, start };
}

function NumericStats({ columns }: { columns: NumericColumnProfile[] }) {
  const heads = [
    'Column',
    'Count',
    'Missing',
    'Mean',
    'Std',
    'Min',
    '25 %',
    'Median',
    '75 %',
    'Max',
  ];
  return (
    <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Numeric columns">
      <thead className="bg-slate-50 text-slate-600">
        <tr>
          {heads.map((h) => (
            <th key={h} scope="col" className="px-3 py-2 text-right font-medium first:text-left">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 tabular-nums">
        {columns.map((c) => (
          <tr key={c.name}>
            <th scope="row" className="px-3 py-1 text-left font-medium">
              {c.name}
            </th>
            <td className="px-3 py-1 text-right">{formatCount(c.count)}</td>
            <td className="px-3 py-1 text-right">
              {formatCount(c.missing)} ({c.missingPercent.toFixed(1)} %)
            </td>
            {[c.mean, c.std, c.min, c.q1, c.median, c.q3, c.max].map((v, i) => (
              <td key={i} className="px-3 py-1 text-right">
                {formatStat(v)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CategoryStats({ columns }: { columns: CategoryColumnProfile[] }) {
  const heads = ['Column', 'Kind', 'Count', 'Missing', 'Unique', 'Top value', 'Its count'];
  return (
    <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Other columns">
      <thead className="bg-slate-50 text-slate-600">
        <tr>
          {heads.map((h) => (
            <th key={h} scope="col" className="px-3 py-2 text-left font-medium">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {columns.map((c) => (
          <tr key={c.name}>
            <th scope="row" className="px-3 py-1 text-left font-medium">
              {c.name}
            </th>
            <td className="px-3 py-1">{c.kind}</td>
            <td className="px-3 py-1 tabular-nums">{formatCount(c.count)}</td>
            <td className="px-3 py-1 tabular-nums">
              {formatCount(c.missing)} ({c.missingPercent.toFixed(1)} %)
            </td>
            <td className="px-3 py-1 tabular-nums">{formatCount(c.unique)}</td>
            <td className="max-w-xs truncate px-3 py-1">{c.top ?? '–'}</td>
            <td className="px-3 py-1 tabular-nums">{formatCount(c.topCount)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The missing-values chart, or a sentence when there is nothing to draw. */
function MissingValues({ profile, fileName }: { profile: DatasetProfile; fileName: string }) {
  if (profile.columns.every((c) => c.missing === 0)) {
    const count = profile.columns.length;
    return (
      <p className="text-sm text-slate-600">
        No missing values in{' '}
        {count === 1 ? 'the one column' : `any of the ${formatCount(count)} columns`}.
      </p>
    );
  }
  return (
    <VegaChart
      spec={missingSpec(profile)}
      label="Missing values per column"
      fileName={`${fileName}-missing`}
    />
  );
}

function ProfileView({ profile, fileName }: { profile: DatasetProfile; fileName: string }) {
  const [method, setMethod] = useState<'pearson' | 'spearman'>('pearson');
  const [showAll, setShowAll] = useState(false);
  const numeric = profile.columns.filter((c): c is NumericColumnProfile => c.kind === 'numeric');
  const categories = profile.columns.filter(
    (c): c is CategoryColumnProfile => c.kind !== 'numeric',
  );
  const countable = categories.filter((c) => c.kind === 'categorical' || c.kind === 'boolean');
  const limit = showAll ? Infinity : CHARTS_SHOWN;
  const hidden = Math.max(0, numeric.length - limit) + Math.max(0, countable.length - limit);

  return (
    <div className="space-y-8">
      {numeric.length > 0 && (
        <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <NumericStats columns={numeric} />
        </div>
      )}
      {categories.length > 0 && (
        <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <CategoryStats columns={categories} />
        </div>
      )}
      <MissingValues profile={profile} fileName={fileName} />
      {profile.correlation && (
        <section aria-label="Correlation">
          <fieldset className="mb-2 flex gap-4 text-sm">
            <legend className="sr-only">Correlation method</legend>
            {(['pearson', 'spearman'] as const).map((m) => (
              <label key={m} className="flex items-center gap-1">
                <input
                  type="radio"
                  name="correlation"
                  checked={method === m}
                  onChange={() => setMethod(m)}
                />
                {m === 'pearson' ? 'Pearson' : 'Spearman'}
              </label>
            ))}
          </fieldset>
          <VegaChart
            spec={correlationSpec(profile.correlation, method)}
            label={`${method} correlation heatmap`}
            fileName={`${fileName}-${method}`}
          />
          {profile.correlation.note && (
            <p className="text-sm text-slate-500">{profile.correlation.note}</p>
          )}
        </section>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        {numeric.slice(0, limit).map((c) => (
          <VegaChart
            key={c.name}
            spec={histogramSpec(c)}
            label={`Histogram of ${c.name}`}
            fileName={`${fileName}-${c.name}`}
          />
        ))}
        {countable.slice(0, limit).map((c) => (
          <VegaChart
            key={c.name}
            spec={countSpec(c)}
            label={`Counts of ${c.name}`}
            fileName={`${fileName}-${c.name}`}
          />
        ))}
      </div>
      {hidden > 0 && (
        <button
          type="button"
          onClick={() => setShowAll(true)}
          className={`rounded border border-slate-300 px-3 py-1 text-sm ${focusRing}`}
        >
          Show all charts ({hidden} more)
        </button>
      )}
    </div>
  );
}

export function ProfilePanel({ datasetId, fileName }: { datasetId: string; fileName: string }) {
  const { profile, job, error, start } = useProfile(datasetId);
  if (error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {error}
      </p>
    );
  if (profile) return <ProfileView profile={profile} fileName={fileName} />;
  if (job?.status === 'FAILED' || job?.status === 'CANCELLED') {
    return (
      <div role="alert" className="text-sm text-red-700">
        The profile could not be computed: {job.error ?? job.message}{' '}
        <button type="button" onClick={() => start()} className="underline">
          Try again
        </button>
      </div>
    );
  }
  return (
    <div role="status" className="text-sm text-slate-600">
      <div className="h-2 w-full max-w-md overflow-hidden rounded bg-slate-200">
        <div
          className="h-full bg-indigo-500 transition-all"
          style={{ width: `${job?.progress ?? 0}%` }}
        />
      </div>
      <p className="mt-1">Computing the profile… {job?.message}</p>
    </div>
  );
}
