'use client';
// Personal API tokens: create one (its secret is shown once), list them, revoke them.
import { useState } from 'react';
import { formatDate } from '@/lib/datasets/format';
import { callApi } from '../datasets/api';
import { PrimaryButton } from '../ui/button';
import { CopyButton } from '../ui/copy-button';
import { FormAlert } from '../ui/form-alert';
import { TextField } from '../ui/text-field';

/** A token as GET /api/tokens lists it (never the secret). */
export interface TokenItem {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

function when(value: string | null): string {
  return value ? formatDate(value) : 'never';
}

export function TokenManager({ initial }: { initial: TokenItem[] }) {
  const [tokens, setTokens] = useState(initial);
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function create(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    // The same message as the API's, shown on the field instead of the browser's bubble.
    if (!name.trim()) {
      setNameError('Give the token a name, such as the script that will use it.');
      document.getElementById('token-name')?.focus();
      return;
    }
    setNameError(undefined);
    setPending(true);
    try {
      const body = await callApi<{ token: TokenItem; secret: string }>('/api/tokens', {
        method: 'POST',
        body: { name },
      });
      setTokens((old) => [body.token, ...old]);
      setSecret({ name: body.token.name, value: body.secret });
      setName('');
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setPending(false);
    }
  }

  async function revoke(token: TokenItem) {
    if (!window.confirm(`Revoke the token “${token.name}”? Scripts using it stop working at once.`))
      return;
    try {
      await callApi(`/api/tokens/${token.id}`, { method: 'DELETE' });
      setTokens((old) => old.filter((t) => t.id !== token.id));
      if (secret?.name === token.name) setSecret(null);
    } catch (failure) {
      setError((failure as Error).message);
    }
  }

  return (
    <div className="space-y-5">
      <form
        aria-label="New API token"
        onSubmit={create}
        noValidate
        className="flex flex-wrap items-start gap-3"
      >
        <TextField
          id="token-name"
          name="tokenName"
          label="Token name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={100}
          required
          placeholder="e.g. nightly pricing script"
          error={nameError}
          className="min-w-72"
        />
        <PrimaryButton type="submit" pending={pending} pendingLabel="Creating…" className="mt-6">
          Create token
        </PrimaryButton>
      </form>
      {error && <FormAlert>{error}</FormAlert>}
      {secret && (
        <div
          role="status"
          className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900"
        >
          <p className="font-medium">
            Token “{secret.name}” created. Copy it now: it is shown only this once and cannot be
            read again.
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <code
              data-testid="new-token"
              className="break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900"
            >
              {secret.value}
            </code>
            <CopyButton
              key={secret.value}
              text={secret.value}
              className="rounded border border-emerald-400 px-2 py-1 text-xs font-medium hover:bg-emerald-100"
            />
          </div>
        </div>
      )}
      {tokens.length === 0 ? (
        <p className="text-sm text-slate-600">No tokens yet.</p>
      ) : (
        <div className="relative overflow-x-auto rounded-md border border-slate-200">
          <table aria-label="API tokens" className="min-w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Name
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Token
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Created
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Last used
                </th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id} data-testid="token-row" className="border-t border-slate-100">
                  <td className="px-3 py-2">{token.name}</td>
                  <td className="px-3 py-2 font-mono text-xs">{token.prefix}…</td>
                  <td className="px-3 py-2 text-slate-600">{when(token.createdAt)}</td>
                  <td className="px-3 py-2 text-slate-600">{when(token.lastUsedAt)}</td>
                  <td className="px-3 py-2">
                    <button
                      type="button"
                      onClick={() => revoke(token)}
                      className="text-red-700 hover:underline"
                      aria-label={`Revoke ${token.name}`}
                    >
                      Revoke
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
