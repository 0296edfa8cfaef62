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

interface Part {
  id: string;
  name: string;
  rowCount: number;
}

export function SplitForm({ datasetId }: { datasetId: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [parts, setParts] = useState<Part[]>();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
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
    <form onSubmit={onSubmit} aria-label="Split" className="space-y-4">
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
