'use client';
// Parts of the train form: the time limit as hours and minutes, and the advanced settings.
import { useEffect, useRef } from 'react';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { formatTimeLimit, timeLimitSeconds } from './format';
import { families, metrics } from './options';

/** Hours and minutes side by side; 0 h 0 min means no limit. */
export function TimeLimitField({
  hours,
  minutes,
  onChange,
  error,
}: {
  hours: number;
  minutes: number;
  onChange: (hours: number, minutes: number) => void;
  error?: string;
}) {
  const total = timeLimitSeconds(hours, minutes);
  return (
    <fieldset aria-describedby="time-limit-note">
      <legend className="text-sm font-medium text-slate-800">Time limit</legend>
      <div className="mt-1 grid grid-cols-2 gap-3">
        <TextField
          name="timeLimitHours"
          label="Hours"
          type="number"
          min={0}
          max={168}
          step={1}
          value={hours}
          onChange={(event) => onChange(Number(event.target.value), minutes)}
          aria-invalid={error ? true : undefined}
          aria-describedby="time-limit-note"
        />
        <TextField
          name="timeLimitMinutes"
          label="Minutes"
          type="number"
          min={0}
          max={59}
          step={1}
          value={minutes}
          onChange={(event) => onChange(hours, Number(event.target.value))}
          aria-invalid={error ? true : undefined}
          aria-describedby="time-limit-note"
        />
      </div>
      <p
        id="time-limit-note"
        className={`mt-1 text-sm ${error ? 'font-medium text-red-700' : 'text-slate-500'}`}
      >
        {error ??
          (total === 0
            ? 'No limit (0 = none).'
            : `The whole training stops within ${formatTimeLimit(total)}.`)}
      </p>
    </fieldset>
  );
}

/** The advanced settings' values, as the form keeps them. */
export interface AdvancedValues {
  evalMetric: string;
  /** Share of the rows held out, 0.05–0.5, as the API takes it. */
  holdoutFraction: number;
  families: string[];
}

/** Evaluation metric, holdout share and model families, behind a disclosure. */
export function AdvancedFields({
  values,
  onChange,
  errors,
  open,
}: {
  values: AdvancedValues;
  onChange: (next: AdvancedValues) => void;
  errors: Record<string, string>;
  /** Opens the disclosure (an error inside it); false leaves it as the user left it. */
  open: boolean;
}) {
  const details = useRef<HTMLDetailsElement>(null);
  // Opened, never closed, from here: clearing the error the user is fixing must not hide it.
  useEffect(() => {
    if (open && details.current) details.current.open = true;
  }, [open]);
  const chosen = new Set(values.families);
  const toggle = (family: string, on: boolean) =>
    onChange({
      ...values,
      families: families.map((f) => f.value).filter((f) => (f === family ? on : chosen.has(f))),
    });

  return (
    <details ref={details} className="rounded-md border border-slate-200 p-4">
      <summary className="cursor-pointer text-sm font-medium text-slate-800">Advanced</summary>
      <div className="mt-4 grid gap-4 sm:grid-cols-2">
        <SelectField
          name="evalMetric"
          label="Evaluation metric"
          value={values.evalMetric}
          onChange={(event) => onChange({ ...values, evalMetric: event.target.value })}
          hint="The score that chooses and weights the ensemble's models."
          error={errors.evalMetric}
        >
          {metrics.map((metric) => (
            <option key={metric.value} value={metric.value}>
              {metric.label}
            </option>
          ))}
        </SelectField>
        <TextField
          name="holdoutFraction"
          label="Holdout fraction"
          type="number"
          min={0.05}
          max={0.5}
          step={0.05}
          value={values.holdoutFraction}
          onChange={(event) => onChange({ ...values, holdoutFraction: Number(event.target.value) })}
          hint="0.05–0.5 of the rows score the models (medium quality; bagged presets score out of fold)."
          error={errors.holdoutFraction}
        />
      </div>
      <fieldset className="mt-4" aria-describedby="families-hint">
        <legend className="text-sm font-medium text-slate-800">Model families</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
          {families.map((family) => (
            <label key={family.value} className="flex items-center gap-2 text-sm text-slate-800">
              <input
                type="checkbox"
                checked={chosen.has(family.value)}
                onChange={(event) => toggle(family.value, event.target.checked)}
              />
              {family.label}
            </label>
          ))}
        </div>
        <p
          id="families-hint"
          className={`mt-1 text-sm ${errors.families ? 'font-medium text-red-700' : 'text-slate-500'}`}
        >
          {errors.families ??
            "All checked: the preset's own models. Otherwise only the checked families are fitted."}
        </p>
      </fieldset>
    </details>
  );
}
