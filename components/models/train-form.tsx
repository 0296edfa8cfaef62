'use client';
// The train form: dataset, target, features, preset, time limit and advanced settings, posted to
// POST /api/models; the API's field errors show on their fields.
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { PrimaryButton } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/form-alert';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { formErrors, sendJson, type FormErrors } from './api';
import { FeaturePicker } from './feature-picker';
import { timeLimitSeconds } from './format';
import { families, presets } from './options';
import { AdvancedFields, TimeLimitField, type AdvancedValues } from './train-fields';
import type { DatasetColumnInfo } from './types';
import { useDatasetColumns, useDatasets } from './use-dataset-columns';

/** Request fields the form shows errors on; others go to the form-level alert. */
const formFields = [
  'name',
  'description',
  'datasetId',
  'label',
  'features',
  'preset',
  'timeLimitSec',
  'evalMetric',
  'holdoutFraction',
  'families',
] as const;
const advancedFields = ['evalMetric', 'holdoutFraction', 'families'] as const;

function changed(a: AdvancedValues, b: AdvancedValues, field: keyof AdvancedValues): boolean {
  return JSON.stringify(a[field]) !== JSON.stringify(b[field]);
}

/**
 * "cars – Miles_per_Gallon (Good quality)": models of one dataset and target, trained with
 * different presets, stay apart in the list without a name typed.
 */
export function defaultName(datasetName: string, label: string, preset: string): string {
  const presetLabel = presets.find((p) => p.value === preset)?.label;
  return `${datasetName} – ${label}${presetLabel ? ` (${presetLabel})` : ''}`;
}

/** The JSON body of POST /api/models from the form's state. */
export function trainRequest(state: {
  name: string;
  description: string;
  datasetId: string;
  datasetName: string;
  label: string;
  features: string[];
  preset: string;
  hours: number;
  minutes: number;
  advanced: AdvancedValues;
}) {
  const allFamilies = state.advanced.families.length === families.length;
  return {
    name: state.name.trim() || defaultName(state.datasetName, state.label, state.preset),
    description: state.description,
    datasetId: state.datasetId,
    label: state.label,
    features: state.features,
    preset: state.preset,
    timeLimitSec: timeLimitSeconds(state.hours, state.minutes),
    evalMetric: state.advanced.evalMetric,
    holdoutFraction: state.advanced.holdoutFraction,
    // All checked means the preset's own plan; naming them all would add families it lacks.
    ...(allFamilies ? {} : { families: state.advanced.families }),
  };
}

/** The train form; `initialDatasetId` preselects a dataset. On success it opens /models. */
export function TrainForm({ initialDatasetId = '' }: { initialDatasetId?: string }) {
  const router = useRouter();
  const { datasets, error: datasetsError } = useDatasets();
  const [datasetId, setDatasetId] = useState(initialDatasetId);
  const { columns, error: columnsError } = useDatasetColumns(datasetId);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [label, setLabel] = useState('');
  // null = the default: every column except the target.
  const [chosenFeatures, setChosenFeatures] = useState<string[] | null>(null);
  const [preset, setPreset] = useState<string>('medium_quality');
  const [time, setTime] = useState({ hours: 0, minutes: 10 });
  const [advanced, setAdvanced] = useState<AdvancedValues>({
    evalMetric: 'rmse',
    holdoutFraction: 0.2,
    families: families.map((f) => f.value),
  });
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const focusInvalid = useRef(false);

  // After a submit, move focus to the first field found wrong, so keyboard users land on it; not
  // when an error is cleared, which would take the focus from the field being edited.
  useEffect(() => {
    if (!focusInvalid.current) return;
    focusInvalid.current = false;
    const invalid = '[aria-invalid="true"]';
    formRef.current
      ?.querySelector<HTMLElement>(`input${invalid}, select${invalid}, fieldset${invalid} input`)
      ?.focus();
  }, [errors]);

  function showErrors(next: FormErrors) {
    focusInvalid.current = true;
    setErrors(next);
  }

  /** A field's error no longer holds once the user changes that field. */
  function clearErrors(...names: string[]) {
    setErrors((now) => {
      if (!names.some((n) => n in now.fields)) return now;
      const fields = Object.fromEntries(
        Object.entries(now.fields).filter(([n]) => !names.includes(n)),
      );
      return { ...now, fields };
    });
  }

  const numeric = (columns ?? []).filter((c) => c.kind === 'numeric');
  const candidates = (columns ?? []).filter((c) => c.name !== label);
  const features = chosenFeatures ?? candidates.map((c) => c.name);
  const presetInfo = presets.find((p) => p.value === preset);

  function chooseDataset(id: string) {
    // The target and features start afresh with the dataset, and so do their errors.
    clearErrors('datasetId', 'label', 'features');
    setDatasetId(id);
    setLabel('');
    setChosenFeatures(null);
  }

  function chooseLabel(next: string) {
    clearErrors('label', 'features');
    setLabel(next);
    if (chosenFeatures) setChosenFeatures(chosenFeatures.filter((f) => f !== next));
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!datasetId || !label) {
      return showErrors({
        fields: datasetId
          ? { label: 'Choose the column to predict.' }
          : { datasetId: 'Choose a dataset.' },
      });
    }
    setBusy(true);
    setErrors({ fields: {} });
    const datasetName = datasets?.find((d) => d.id === datasetId)?.name ?? 'model';
    const body = trainRequest({
      ...{ name, description, datasetId, datasetName, label, features, preset },
      ...time,
      advanced,
    });
    try {
      const answer = await sendJson('/api/models', 'POST', body);
      if (answer.ok) {
        router.push('/models');
        router.refresh();
        return;
      }
      showErrors(formErrors(answer.body as never, answer.status, formFields));
    } catch {
      showErrors({ fields: {}, form: 'The server could not be reached. Check the connection.' });
    }
    setBusy(false);
  }

  const fieldErrors = errors.fields;
  const advancedError = advancedFields.some((f) => fieldErrors[f]);
  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      aria-label="Train a model"
      className="space-y-6 rounded-xl border border-slate-200 bg-white p-6"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          name="name"
          label="Name"
          value={name}
          onChange={(event) => {
            clearErrors('name');
            setName(event.target.value);
          }}
          maxLength={200}
          hint="Optional: “dataset – target (preset)” otherwise."
          error={fieldErrors.name}
        />
        <TextField
          name="description"
          label="Description"
          value={description}
          onChange={(event) => {
            clearErrors('description');
            setDescription(event.target.value);
          }}
          maxLength={2000}
          hint="Optional."
          error={fieldErrors.description}
        />
      </div>

      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          name="datasetId"
          label="Dataset"
          value={datasetId}
          onChange={(event) => chooseDataset(event.target.value)}
          disabled={!datasets}
          required
          error={fieldErrors.datasetId ?? datasetsError}
          hint={datasets && datasets.length === 0 ? 'Upload a dataset first.' : undefined}
        >
          <option value="">{datasets ? 'Choose a dataset' : 'Loading datasets…'}</option>
          {datasets?.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          name="label"
          label="Target column"
          value={label}
          onChange={(event) => chooseLabel(event.target.value)}
          disabled={!columns || numeric.length === 0}
          required
          error={fieldErrors.label ?? columnsError}
          hint={targetHint(columns, numeric.length)}
        >
          <option value="">
            {!datasetId
              ? 'Choose a dataset first'
              : columns
                ? 'Choose a column'
                : 'Loading columns…'}
          </option>
          {numeric.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </SelectField>
      </div>

      {columns && label && (
        <FeaturePicker
          columns={candidates}
          selected={features}
          onChange={(next) => {
            clearErrors('features');
            setChosenFeatures(next);
          }}
          error={fieldErrors.features}
        />
      )}

      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          name="preset"
          label="Preset"
          value={preset}
          onChange={(event) => {
            clearErrors('preset');
            setPreset(event.target.value);
          }}
          hint={presetInfo?.description}
          error={fieldErrors.preset}
        >
          {presets.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </SelectField>
        <TimeLimitField
          hours={time.hours}
          minutes={time.minutes}
          onChange={(hours, minutes) => {
            clearErrors('timeLimitSec');
            setTime({ hours, minutes });
          }}
          error={fieldErrors.timeLimitSec}
        />
      </div>

      <AdvancedFields
        values={advanced}
        onChange={(next) => {
          clearErrors(...advancedFields.filter((f) => changed(advanced, next, f)));
          setAdvanced(next);
        }}
        errors={fieldErrors}
        open={advancedError}
      />

      {errors.form && <FormAlert>{errors.form}</FormAlert>}
      <PrimaryButton type="submit" pending={busy} pendingLabel="Starting…">
        Train
      </PrimaryButton>
    </form>
  );
}

/**
 * What the target list offers and what it leaves out, so that a column read as text (a number
 * column with a few words in it) is not simply missing from the list.
 */
function targetHint(columns: DatasetColumnInfo[] | null | undefined, numericCount: number): string {
  const offered =
    numericCount === 0 && columns
      ? 'This dataset has no numeric column to predict.'
      : 'The number to predict; only numeric columns are offered.';
  const others = (columns ?? []).filter((c) => c.kind !== 'numeric');
  if (others.length === 0) return offered;
  const named = others
    .slice(0, 5)
    .map((c) => `'${c.name}' (${c.kind})`)
    .join(', ');
  const more = others.length > 5 ? ` and ${others.length - 5} more` : '';
  return `${offered} Not numeric: ${named}${more}; a number column with some text in it is read as text, so fix those values in the file.`;
}
