'use client';
// The manual table: one column per feature of the model, rows to add, duplicate, remove or paste
// from a spreadsheet; Predict answers at once (no queue) and marks fields the model cannot read.
import { useMemo, useState } from 'react';
import { callApi } from '../datasets/api';
import { PrimaryButton } from '../ui/button';
import { FormAlert } from '../ui/form-alert';
import { FeatureCell, levelsId } from './cells';
import { parsePastedRows } from './paste';
import { PredictionPlots, type PlotData } from './plots';
import { formatPrediction, type ManualAnswer, type ModelInputs } from './types';
import { WhatIf } from './what-if';

type Row = Record<string, string>;

const smallButton =
  'rounded border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100';

/** A row's values as sent: blank cells are missing values (null). */
function toRequestRow(row: Row): Record<string, string | null> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v.trim() === '' ? null : v]));
}

/** The table's values as plot columns: numbers where they read as numbers. */
function plotData(inputs: ModelInputs, rows: Row[], predictions: (number | null)[]): PlotData {
  const columns: PlotData['columns'] = {};
  for (const feature of inputs.features) {
    columns[feature.name] = rows.map((row) => {
      const text = row[feature.name]?.trim() ?? '';
      if (text === '') return null;
      return feature.kind === 'numeric' && Number.isFinite(Number(text)) ? Number(text) : text;
    });
  }
  return { columns, predictions };
}

export function ManualPredictions({ modelId, inputs }: { modelId: string; inputs: ModelInputs }) {
  const { features, label } = inputs;
  const emptyRow = (): Row => Object.fromEntries(features.map((f) => [f.name, '']));
  const [rows, setRows] = useState<Row[]>(() => [emptyRow()]);
  const [answer, setAnswer] = useState<ManualAnswer | null>(null);
  const [pasteText, setPasteText] = useState('');
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const listPrefix = `manual-${modelId.slice(0, 8)}`;

  const errors = useMemo(() => {
    const byCell = new Map<string, string>();
    for (const error of answer?.errors ?? [])
      byCell.set(`${error.row}:${error.field}`, error.reason);
    return byCell;
  }, [answer]);

  // Changing the rows' order or count makes an answer's row numbers wrong: it is dropped.
  function restructure(next: Row[]) {
    setRows(next);
    setAnswer(null);
  }

  function edit(row: number, field: string, value: string) {
    setRows((current) => current.map((r, k) => (k === row ? { ...r, [field]: value } : r)));
    // The edited row's prediction and errors are stale now.
    setAnswer(
      (current) =>
        current && {
          ...current,
          predictions: current.predictions.map((p, k) => (k === row ? null : p)),
          errors: current.errors.filter((e) => e.row !== row),
        },
    );
  }

  function addPasted() {
    const pasted = parsePastedRows(
      pasteText,
      features.map((f) => f.name),
    );
    if (pasted.rows.length === 0) {
      setMessage({
        tone: 'error',
        text: 'Nothing to add: paste rows copied from a spreadsheet first.',
      });
      return;
    }
    const filled = pasted.rows.map((row) => ({ ...emptyRow(), ...row }));
    const onlyBlank = rows.length === 1 && Object.values(rows[0]).every((v) => v === '');
    restructure(onlyBlank ? filled : [...rows, ...filled]);
    setPasteText('');
    const ignored = pasted.ignored.length ? ` Ignored columns: ${pasted.ignored.join(', ')}.` : '';
    const header = pasted.hasHeader ? ' (read by the header line)' : '';
    setMessage({
      tone: 'success',
      text: `Added ${pasted.rows.length} pasted rows${header}.${ignored}`,
    });
  }

  async function predict() {
    setPending(true);
    setMessage(null);
    try {
      const result = await callApi<ManualAnswer>(`/api/models/${modelId}/predict`, {
        method: 'POST',
        body: { rows: rows.map(toRequestRow) },
      });
      setAnswer(result);
      const bad = new Set(result.errors.map((e) => e.row)).size;
      if (bad > 0) {
        setMessage({
          tone: 'error',
          text: `${bad} of ${rows.length} rows have values the model cannot read; they are marked below.`,
        });
      }
    } catch (failure) {
      setMessage({ tone: 'error', text: (failure as Error).message });
    } finally {
      setPending(false);
    }
  }

  const predictions = useMemo(
    () => rows.map((_, k) => answer?.predictions[k] ?? null),
    [rows, answer],
  );
  const data = useMemo(() => plotData(inputs, rows, predictions), [inputs, rows, predictions]);

  return (
    <div className="space-y-4">
      {features
        .filter((f) => f.levels?.length)
        .map((f) => (
          <datalist key={f.name} id={levelsId(listPrefix, f)}>
            {f.levels!.map((level) => (
              <option key={level} value={level} />
            ))}
          </datalist>
        ))}
      <div className="overflow-x-auto rounded-md border border-slate-200">
        <table aria-label="Manual rows" className="min-w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-2 py-2 font-medium">
                #
              </th>
              {features.map((f) => (
                <th key={f.name} scope="col" className="px-2 py-2 font-medium">
                  {f.name} <span className="font-normal text-slate-500">({f.kind})</span>
                </th>
              ))}
              <th scope="col" className="px-2 py-2 font-semibold text-indigo-700">
                {label} (predicted)
              </th>
              <th scope="col" className="px-2 py-2">
                <span className="sr-only">Row actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, k) => (
              <tr key={k} data-testid="manual-row" className="border-t border-slate-100">
                <td className="px-2 py-1 align-top text-slate-500">{k + 1}</td>
                {features.map((f) => (
                  <FeatureCell
                    key={f.name}
                    feature={f}
                    row={k}
                    value={row[f.name] ?? ''}
                    error={errors.get(`${k}:${f.name}`)}
                    listPrefix={listPrefix}
                    onChange={(value) => edit(k, f.name, value)}
                  />
                ))}
                <td
                  data-testid="manual-prediction"
                  data-value={predictions[k] ?? ''}
                  className="px-2 py-1 align-top font-semibold text-slate-900"
                >
                  {formatPrediction(predictions[k])}
                </td>
                <td className="space-x-1 whitespace-nowrap px-2 py-1 align-top">
                  <button
                    type="button"
                    className={smallButton}
                    aria-label={`Duplicate row ${k + 1}`}
                    onClick={() =>
                      restructure([...rows.slice(0, k + 1), { ...row }, ...rows.slice(k + 1)])
                    }
                  >
                    Duplicate
                  </button>
                  <button
                    type="button"
                    className={smallButton}
                    aria-label={`Remove row ${k + 1}`}
                    disabled={rows.length === 1}
                    onClick={() => restructure(rows.filter((_, j) => j !== k))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          className={smallButton}
          onClick={() => restructure([...rows, emptyRow()])}
        >
          Add row
        </button>
        <PrimaryButton type="button" onClick={predict} pending={pending} pendingLabel="Predicting…">
          Predict
        </PrimaryButton>
        {answer && (
          <span className="text-sm text-slate-600" data-testid="manual-timing">
            Answered in {answer.predictMs} ms of prediction.
          </span>
        )}
      </div>
      {message && <FormAlert tone={message.tone}>{message.text}</FormAlert>}
      {answer && answer.notices.length > 0 && (
        <ul className="list-disc space-y-1 pl-5 text-sm text-amber-800">
          {answer.notices.map((n) => (
            <li key={`${n.code}:${n.column}`}>{n.message}</li>
          ))}
        </ul>
      )}
      <details className="rounded-md border border-slate-200 p-3">
        <summary className="cursor-pointer text-sm font-medium text-slate-800">
          Paste rows from a spreadsheet
        </summary>
        <div className="mt-3 space-y-2">
          <label htmlFor={`${listPrefix}-paste`} className="block text-sm text-slate-700">
            Rows copied from a spreadsheet (tab-separated), with or without a header line
          </label>
          <textarea
            id={`${listPrefix}-paste`}
            value={pasteText}
            onChange={(e) => setPasteText(e.target.value)}
            rows={4}
            className="w-full rounded-md border border-slate-300 p-2 font-mono text-xs"
          />
          <button type="button" className={smallButton} onClick={addPasted}>
            Add pasted rows
          </button>
        </div>
      </details>
      {answer && (
        <section
          aria-label="Plots of the manual predictions"
          className="space-y-6 border-t border-slate-200 pt-4"
        >
          <PredictionPlots
            features={features}
            data={data}
            predictionName={`${label} (predicted)`}
            idPrefix={`${listPrefix}-plot`}
          />
          <WhatIf modelId={modelId} features={features} label={label} rows={rows} />
        </section>
      )}
    </div>
  );
}
