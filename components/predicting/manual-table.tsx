'use client';
// The manual table: one column per feature of the model, rows to add, duplicate, remove or paste
// from a spreadsheet; Predict answers at once (no queue) and marks fields the model cannot read.
import { useMemo, useState } from 'react';
import { callApi } from '../datasets/api';
import { PrimaryButton } from '../ui/button';
import { FormAlert } from '../ui/form-alert';
import { parsePastedRows } from './paste';
import { PredictionPlots, type PlotData } from './plots';
import { PasteBox } from './paste-box';
import { RowsTable, smallButton, type Row } from './rows-table';
import type { ManualAnswer, ModelInputs } from './types';
import { WhatIf } from './what-if';

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

  /** Adds pasted rows (replacing a lone blank row); false when the text held none. */
  function addPasted(text: string): boolean {
    const pasted = parsePastedRows(
      text,
      features.map((f) => f.name),
    );
    if (pasted.rows.length === 0) {
      setMessage({
        tone: 'error',
        text: 'Nothing to add: paste rows copied from a spreadsheet first.',
      });
      return false;
    }
    const filled = pasted.rows.map((row) => ({ ...emptyRow(), ...row }));
    const onlyBlank = rows.length === 1 && Object.values(rows[0]).every((v) => v === '');
    restructure(onlyBlank ? filled : [...rows, ...filled]);
    const ignored = pasted.ignored.length ? ` Ignored columns: ${pasted.ignored.join(', ')}.` : '';
    const header = pasted.hasHeader ? ' (read by the header line)' : '';
    setMessage({
      tone: 'success',
      text: `Added ${pasted.rows.length} pasted rows${header}.${ignored}`,
    });
    return true;
  }

  async function predict() {
    // Every feature missing gives the model's guess for an unknown row: rarely what was meant.
    if (rows.every((row) => Object.values(row).every((value) => value.trim() === ''))) {
      setMessage({
        tone: 'error',
        text: 'Every field is blank: fill in at least one value, or paste rows, then predict. Blank fields count as missing values.',
      });
      return;
    }
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
      <RowsTable
        inputs={inputs}
        rows={rows}
        predictions={predictions}
        errors={errors}
        listPrefix={listPrefix}
        onEdit={edit}
        onRestructure={restructure}
      />
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
      <PasteBox id={`${listPrefix}-paste`} onPaste={addPasted} />
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
