'use client';
// One editable cell of the manual table, shaped by the feature's kind: numbers with the training
// range as a hint, known levels with free entry, dates; an invalid entry shows its reason.
import { focusRing } from '../ui/button';
import type { ModelInput } from './types';

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The reason a number field's text cannot be read, checked as the server checks it. */
export function localProblem(feature: ModelInput, value: string): string | undefined {
  const text = value.trim();
  if (text === '' || feature.kind !== 'numeric') return undefined;
  return NUMBER.test(text) ? undefined : `'${text}' is not a number`;
}

/** "40 – 120" for a numeric range; undefined when none was recorded. */
export function rangeHint(feature: ModelInput): string | undefined {
  if (feature.min === undefined || feature.max === undefined) return undefined;
  const show = (v: number | string) =>
    typeof v === 'number'
      ? v.toLocaleString('en-US', { maximumFractionDigits: 4 })
      : v.slice(0, 10);
  return `${show(feature.min)} – ${show(feature.max)}`;
}

/** The datalist id of a feature's known levels (rendered once per table). */
export function levelsId(prefix: string, feature: ModelInput): string {
  return `${prefix}-levels-${feature.name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export function FeatureCell({
  feature,
  row,
  value,
  error,
  listPrefix,
  onChange,
}: {
  feature: ModelInput;
  row: number;
  value: string;
  error?: string;
  listPrefix: string;
  onChange: (value: string) => void;
}) {
  const problem = error ?? localProblem(feature, value);
  const errorId = problem ? `${listPrefix}-err-${row}-${feature.name}` : undefined;
  const label = `${feature.name}, row ${row + 1}`;
  const common = {
    'aria-label': label,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': errorId,
    value,
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.value),
    className: `w-full min-w-24 rounded border px-2 py-1 text-sm ${focusRing} ${
      problem ? 'border-red-500 bg-red-50' : 'border-slate-300'
    }`,
  };
  let input: React.ReactElement;
  if (feature.kind === 'numeric') {
    const hint = rangeHint(feature);
    input = (
      <input
        {...common}
        type="text"
        inputMode="decimal"
        placeholder={hint}
        title={hint ? `Training range ${hint}` : undefined}
      />
    );
  } else if (feature.kind === 'datetime' && (value === '' || ISO_DATE.test(value))) {
    // A pasted value that is not a plain date stays visible as text, with its reason.
    const day = (v: unknown) => (typeof v === 'string' ? v.slice(0, 10) : undefined);
    const hint = rangeHint(feature);
    input = (
      <input
        {...common}
        type="date"
        min={day(feature.min)}
        max={day(feature.max)}
        title={hint ? `Training range ${hint}` : undefined}
      />
    );
  } else if (feature.levels?.length) {
    // The list only opens on focus or typing: the placeholder shows that known values exist.
    const shown = feature.levels.slice(0, 10).join(', ');
    const more = feature.levels.length > 10 ? ` and ${feature.levels.length - 10} more` : '';
    input = (
      <input
        {...common}
        type="text"
        list={levelsId(listPrefix, feature)}
        placeholder={`e.g. ${feature.levels[0]}`}
        title={`Values seen in training: ${shown}${more}`}
      />
    );
  } else {
    input = <input {...common} type="text" />;
  }
  return (
    <td className="px-2 py-1 align-top">
      {input}
      {problem && (
        <p id={errorId} data-testid="field-error" className="mt-1 text-xs text-red-700">
          {problem}
        </p>
      )}
    </td>
  );
}
