'use client';
// "Predict from a script": a curl command for this model's prediction API, with an example row.
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { MANUAL_MAX_ROWS } from '@/lib/predictions/schema';
import { CopyButton } from '../ui/copy-button';
import type { ModelDetails } from './types';

type Cell = string | number | null;

/** A plausible value for one feature: the middle of its training range, or its first level. */
function exampleValue(range: NonNullable<ModelDetails['featureRanges']>[string] | undefined): Cell {
  if (!range) return null;
  if ('levels' in range) return range.levels[0] ?? null;
  const { min, max } = range;
  if (typeof min === 'number' && typeof max === 'number') {
    return Number(((min + max) / 2).toPrecision(4));
  }
  return typeof min === 'string' ? min.slice(0, 10) : null;
}

/** One example row holding every feature of the model; text features without levels are null. */
export function exampleRow(model: Pick<ModelDetails, 'features' | 'featureRanges'>) {
  return Object.fromEntries(
    model.features.map((f) => [f.name, exampleValue(model.featureRanges?.[f.name])]),
  );
}

/** The shell command: POST one example row with a bearer token read from $CIDRA_TOKEN. */
export function curlCommand(origin: string, modelId: string, row: Record<string, Cell>): string {
  // Single quotes in the JSON would end the shell's quoted argument: written as '\'' instead.
  const body = JSON.stringify({ rows: [row] }).replaceAll("'", "'\\''");
  return [
    `curl -X POST ${origin}/api/v1/models/${modelId}/predict \\`,
    `  -H "Authorization: Bearer $CIDRA_TOKEN" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '${body}'`,
  ].join('\n');
}

export function ApiExample({ model }: { model: ModelDetails }) {
  // The server does not know the address the browser used (proxies), so it is filled in after load.
  const [origin, setOrigin] = useState('http://localhost:3000');
  useEffect(() => setOrigin(window.location.origin), []);
  const command = curlCommand(origin, model.id, exampleRow(model));

  return (
    <div className="space-y-2 text-sm text-slate-600">
      <p>
        Send rows as JSON with a personal API token (create one on the{' '}
        <Link href="/settings" className="font-medium text-indigo-700 hover:underline">
          Settings page
        </Link>{' '}
        and put it in <code className="font-mono text-slate-800">CIDRA_TOKEN</code>). The answer
        holds one prediction of <code className="font-mono text-slate-800">{model.label}</code> per
        row under <code className="font-mono text-slate-800">predictions</code>; missing or null
        fields count as missing values. Up to {MANUAL_MAX_ROWS.toLocaleString('en-US')} rows per
        request.
      </p>
      <div className="overflow-hidden rounded-lg bg-slate-900">
        <div className="flex items-center justify-between border-b border-slate-700 px-4 py-1.5">
          <span className="text-xs text-slate-400">Shell</span>
          <CopyButton
            text={command}
            className="rounded border border-slate-500 px-2 py-0.5 text-xs font-medium text-slate-100 hover:bg-slate-700"
          />
        </div>
        <pre
          data-testid="api-example"
          className="overflow-x-auto p-4 font-mono text-xs text-slate-100"
        >
          {command}
        </pre>
      </div>
    </div>
  );
}
