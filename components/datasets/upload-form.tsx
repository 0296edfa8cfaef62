'use client';
// Upload a CSV: name, description and file, sent with XMLHttpRequest so the bar shows progress.
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { PrimaryButton } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { formatBytes } from '@/lib/datasets/format';
import { datasetNameFromFile } from '@/lib/datasets/names';
import { errorMessage } from './api';

/** Sends the form; resolves with the HTTP status and parsed JSON body. */
function send(form: FormData, onProgress: (fraction: number) => void) {
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/datasets');
    request.responseType = 'json';
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => resolve({ status: request.status, body: request.response });
    request.onerror = () =>
      reject(new Error('The upload was interrupted. Check the connection and try again.'));
    request.send(form);
  });
}

export function UploadForm({
  maxBytes,
  existingNames = [],
}: {
  maxBytes: number;
  /** The user's dataset names, to warn before a second dataset gets the same name. */
  existingNames?: string[];
}) {
  const router = useRouter();
  const fileInput = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string>();
  const [fileName, setFileName] = useState('');
  const [typedName, setTypedName] = useState('');
  const nameToBe = typedName.trim() || (fileName ? datasetNameFromFile(fileName) : '');
  const taken = nameToBe !== '' && existingNames.includes(nameToBe);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    const file = fileInput.current?.files?.[0];
    if (!file) return setError('Choose a CSV file to upload.');
    if (file.size > maxBytes) {
      return setError(
        `${file.name} is ${formatBytes(file.size)}; files may be at most ${formatBytes(maxBytes)}.`,
      );
    }
    // Text fields first: the server reads them before the file streams past.
    const data = new FormData(event.currentTarget);
    data.delete('file');
    data.append('file', file, file.name);
    setProgress(0);
    try {
      const { status, body } = await send(data, setProgress);
      if (status !== 201) throw new Error(errorMessage(body as never, status));
      router.push(`/datasets/${(body as { dataset: { id: string } }).dataset.id}`);
      router.refresh();
    } catch (caught) {
      setError((caught as Error).message);
      setProgress(null);
    }
  }

  const busy = progress !== null;
  return (
    <form
      onSubmit={onSubmit}
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-6"
      aria-label="Upload a dataset"
    >
      <h2 className="text-lg font-semibold text-slate-900">Upload a CSV file</h2>
      <div>
        <label htmlFor="dataset-file" className="block text-sm font-medium text-slate-800">
          CSV file
        </label>
        <input
          id="dataset-file"
          ref={fileInput}
          type="file"
          name="file"
          accept=".csv,.tsv,.txt,text/csv"
          onChange={(event) => setFileName(event.target.files?.[0]?.name ?? '')}
          aria-describedby="dataset-file-hint"
          className="mt-1 block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-indigo-50 file:px-3 file:py-2 file:text-indigo-700"
        />
        <p id="dataset-file-hint" className="mt-1 text-sm text-slate-500">
          Comma, semicolon, tab or pipe separated; UTF-8 or Latin-1; up to {formatBytes(maxBytes)}.
        </p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          name="name"
          label="Name"
          hint="Optional: the file's name is used otherwise."
          maxLength={200}
          value={typedName}
          onChange={(event) => setTypedName(event.target.value)}
        />
        <TextField name="description" label="Description" hint="Optional." maxLength={2000} />
      </div>
      {taken && (
        <p data-testid="duplicate-name" className="text-sm text-amber-700">
          You already have a dataset named {nameToBe}: lists would show two of them. Type another
          name to tell them apart.
        </p>
      )}
      {busy && (
        <div>
          <div
            role="progressbar"
            aria-label="Upload progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(progress * 100)}
            className="h-2 w-full overflow-hidden rounded bg-slate-200"
          >
            <div
              className="h-full bg-indigo-600 transition-all"
              style={{ width: `${progress * 100}%` }}
            />
          </div>
          <p className="mt-1 text-sm text-slate-600">
            {progress < 1 ? `Uploading… ${Math.round(progress * 100)} %` : 'Reading the file…'}
          </p>
        </div>
      )}
      {error && <FormAlert>{error}</FormAlert>}
      <PrimaryButton type="submit" pending={busy} pendingLabel="Uploading…">
        Upload
      </PrimaryButton>
    </form>
  );
}
