'use client';
// Split a dataset into `<name>_train` and `<name>_test` with a test share, seed and shuffle.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { PrimaryButton } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { formatCount } from '@/lib/datasets/format';
import { callApi } from './api';

/** Field messages for the test share and seed, or none when both can be sent. */
function fieldErrors(form: FormData): Record<string, string> {
  const errors: Record<string, string> = {};
  const percent = String(form.get('testPercent') ?? '').trim();
  if (!percent || !(Number(percent) >= 1 && Number(percent) <= 99)) {
    errors.testPercent = percent
      ? `Test share ${percent} % is out of range: enter 1–99 % of the rows.`
      : 'Enter the test share, 1–99 % of the rows (such as 20).';
  }
  const seed = String(form.get('seed') ?? '').trim();
  if (!seed || !Number.isInteger(Number(seed)) || Number(seed) < 0) {
    errors.seed = 'Enter a whole number from 0 for the seed, such as 42.';
  }
  return errors;
}

interface Part {
  id: string;
  name: string;
  rowCount: number;
}

export function SplitForm({ datasetId }: { datasetId: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [parts, setParts] = useState<Part[]>();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(undefined);
    // Shown on the fields instead of the browser's bubble, in the app's words.
    const invalid = fieldErrors(form);
    setFields(invalid);
    const first = Object.keys(invalid)[0];
    if (first) {
      event.currentTarget.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const body = await callApi<{ train: Part; test: Part }>(`/api/datasets/${datasetId}/split`, {
        method: 'POST',
        body: {
          testRatio: Number(form.get('testPercent')) / 100,
          seed: Number(form.get('seed')),
          shuffle: form.get('shuffle') === 'on',
        },
      });
      setParts([body.train, body.test]);
      router.refresh();
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} aria-label="Split" noValidate className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          name="testPercent"
          label="Test share (%)"
          type="number"
          min={1}
          max={99}
          step={1}
          defaultValue={20}
          hint="1–99 % of the rows."
          required
          error={fields.testPercent}
        />
        <TextField
          name="seed"
          label="Random seed"
          type="number"
          min={0}
          step={1}
          defaultValue={42}
          hint="The same seed gives the same split."
          required
          error={fields.seed}
        />
        <label className="flex items-center gap-2 self-center text-sm text-slate-800">
          <input type="checkbox" name="shuffle" defaultChecked /> Shuffle rows first
        </label>
      </div>
      {error && <FormAlert>{error}</FormAlert>}
      <PrimaryButton type="submit" pending={busy} pendingLabel="Splitting…">
        Split
      </PrimaryButton>
      {parts && (
        <FormAlert tone="success">
          Created{' '}
          {parts.map((part, i) => (
            <span key={part.id}>
              {i > 0 && ' and '}
              <Link href={`/datasets/${part.id}`} className="font-semibold underline">
                {part.name}
              </Link>{' '}
              ({formatCount(part.rowCount)} rows)
            </span>
          ))}
          .
        </FormAlert>
      )}
    </form>
  );
}
