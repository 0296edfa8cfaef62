'use client';
// Upload a model zip (name, description, file) to POST /api/models/upload, then open it.
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { errorMessage } from '@/components/datasets/api';
import { PrimaryButton } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';

/** The upload form; a refused file's reason shows above the button. */
export function UploadModelForm() {
  const router = useRouter();
  const fileInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    const file = fileInput.current?.files?.[0];
    if (!file) return setError('Choose a model .zip file to upload.');
    // Text fields first: the server reads them before the file streams past.
    const data = new FormData(event.currentTarget);
    data.delete('file');
    data.append('file', file, file.name);
    setBusy(true);
    try {
      const response = await fetch('/api/models/upload', { method: 'POST', body: data });
      const body = await response.json().catch(() => null);
      if (!response.ok) throw new Error(errorMessage(body, response.status));
      router.push(`/models/${(body as { model: { id: string } }).model.id}`);
      router.refresh();
    } catch (caught) {
      const message = (caught as Error).message;
      setError(
        caught instanceof TypeError ? 'The upload was interrupted. Check the connection.' : message,
      );
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={onSubmit}
      aria-label="Upload a model"
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-6"
    >
      <div>
        <h2 className="text-lg font-semibold text-slate-900">Upload a model</h2>
        <p className="mt-1 text-sm text-slate-600">
          A .zip downloaded from Cidra-ML (or written by its command-line tool). Its target and
          features are read from the file.
        </p>
      </div>
      <div>
        <label htmlFor="model-file" className="block text-sm font-medium text-slate-800">
          Model file
        </label>
        <input
          id="model-file"
          ref={fileInput}
          type="file"
          name="file"
          accept=".zip,application/zip"
          className="mt-1 block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-indigo-50 file:px-3 file:py-2 file:text-indigo-700"
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          name="name"
          id="upload-model-name"
          label="Model name"
          hint="Optional: the file's name otherwise."
          maxLength={200}
        />
        <TextField
          name="description"
          id="upload-model-description"
          label="Model description"
          hint="Optional."
          maxLength={2000}
        />
      </div>
      {error && <FormAlert>{error}</FormAlert>}
      <PrimaryButton type="submit" pending={busy} pendingLabel="Uploading…">
        Upload model
      </PrimaryButton>
    </form>
  );
}
