// The parts of a model's details page: overview facts, features, dropped columns, weights.
import { PRESETS, type PresetName } from '@/lib/automl/presets';
import { formatCount, formatDate } from '@/lib/datasets/format';
import { formatScore, formatTimeLimit, formatTrainingTime, metricLabels } from './format';
import { DatasetCell } from './model-list';
import type { ModelDetails } from './types';

/** A titled block of the details page. */
export function Section({ title, children }: { title: string; children: React.ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The whole training job's duration, with the engine's fit inside it when that is known. */
function trainingDuration(model: ModelDetails): string {
  const whole = formatTrainingTime(model.trainingSec);
  const fit = model.fitSec;
  if (fit === null || fit === undefined || model.trainingSec === null) return whole;
  return `${whole} (fitting models ${formatTrainingTime(fit)})`;
}

/** Dataset, target, preset, limits, duration and validation scores as a definition list. */
export function Overview({ model }: { model: ModelDetails }) {
  const v = model.validation;
  const facts: [string, React.ReactNode][] = [
    ['Dataset', <DatasetCell key="d" model={model} />],
    ['Target', model.label ?? '–'],
    ['Source', model.source === 'uploaded' ? 'uploaded file' : 'trained here'],
    ['Preset', model.preset ?? '–'],
    ['Time limit', formatTimeLimit(model.timeLimitSec)],
    ['Training duration', trainingDuration(model)],
    ['Evaluation metric', model.evalMetric ? metricLabels[model.evalMetric] : '–'],
    ['Validation RMSE', formatScore(v?.rmse)],
    ['Validation MAE', formatScore(v?.mae)],
    ['Validation R²', formatScore(v?.r2)],
    ['Created', formatDate(model.createdAt)],
  ];
  // While training, the engine has not reported yet: the preset says whether it bags.
  const planned = PRESETS[model.preset as PresetName]?.folds ?? 1;
  const folds = model.engine?.folds ?? planned;
  if (folds > 1) {
    // Bagged: no rows are held out; every row is scored by the fold models that did not see it.
    const rows = model.trainingRows ? `${formatCount(model.trainingRows)} rows, ` : '';
    facts.splice(6, 0, ['Validation', `${rows}each scored out of fold (${folds}-fold bagging)`]);
  } else {
    if (model.trainingRows) {
      const rows = `${formatCount(model.trainingRows)} training`;
      const held = model.validationRows ? ` · ${formatCount(model.validationRows)} validation` : '';
      facts.splice(6, 0, ['Rows', rows + held]);
    }
    if (model.holdoutFraction)
      facts.splice(6, 0, ['Holdout', `${Math.round(model.holdoutFraction * 100)} %`]);
  }
  if (model.families) facts.splice(6, 0, ['Model families', model.families.join(', ')]);
  return (
    <dl className="grid gap-x-6 gap-y-3 rounded-xl border border-slate-200 bg-white p-4 text-sm sm:grid-cols-3 lg:grid-cols-4">
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt className="text-slate-500">{term}</dt>
          <dd className="font-medium text-slate-900" data-testid={`fact-${term}`}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A plain table with a caption for screen readers. */
export function SimpleTable({
  caption,
  heads,
  rows,
  testId,
}: {
  caption: string;
  heads: string[];
  rows: React.ReactNode[][];
  testId: string;
}) {
  return (
    <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label={caption}>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            {heads.map((head) => (
              <th key={head} scope="col" className="px-3 py-2 font-medium">
                {head}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((cells, i) => (
            <tr key={i} data-testid={testId}>
              {cells.map((content, j) => (
                <td key={j} className="px-3 py-1.5">
                  {content}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The features used, with kinds, and the columns dropped with their reasons. */
export function FeaturesSection({ model }: { model: ModelDetails }) {
  const details = model.featureDetails?.length ? model.featureDetails : null;
  return (
    <Section title="Features">
      <SimpleTable
        caption="Features"
        heads={details ? ['Column', 'Kind', 'Missing', 'Distinct values'] : ['Column', 'Kind']}
        rows={
          details
            ? details.map((f) => [f.name, f.kind, formatCount(f.missing), formatCount(f.distinct)])
            : model.features.map((f) => [f.name, f.kind])
        }
        testId="feature-row"
      />
      {model.warnings && model.warnings.length > 0 && (
        <ul className="list-disc space-y-1 pl-5 text-sm text-amber-800" aria-label="Notes">
          {model.warnings.map((warning, i) => (
            <li key={i}>{warning}</li>
          ))}
        </ul>
      )}
      {model.dropped.length > 0 && (
        <>
          <h3 className="text-sm font-semibold text-slate-800">Dropped columns</h3>
          <SimpleTable
            caption="Dropped columns"
            heads={['Column', 'Reason', 'Details']}
            rows={model.dropped.map((d) => [d.name, d.reason.replace(/_/g, ' '), d.message])}
            testId="dropped-row"
          />
        </>
      )}
    </Section>
  );
}

/** The ensemble's members and their weights, largest first. */
export function EnsembleWeights({ model }: { model: ModelDetails }) {
  const weights = [...model.ensembleWeights].sort((a, b) => b.weight - a.weight);
  if (weights.length === 0) return <p className="text-sm text-slate-500">No weights recorded.</p>;
  return (
    <SimpleTable
      caption="Ensemble weights"
      heads={['Model', 'Weight']}
      rows={weights.map((w) => [
        w.name,
        <span key="w" className="tabular-nums">
          {(w.weight * 100).toFixed(1)} %
        </span>,
      ])}
      testId="weight-row"
    />
  );
}
