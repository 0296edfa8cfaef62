'use client';
// The what-if curve: one numeric feature varied across its training range (50 points) with the
// other features held at a chosen row of the manual table; predicted through the manual route.
import dynamic from 'next/dynamic';
import { useState } from 'react';
import type { VisualizationSpec } from 'vega-embed';
import { callApi } from '../datasets/api';
import { FormAlert } from '../ui/form-alert';
import type { ManualAnswer, ModelInput } from './types';

const VegaChart = dynamic(() => import('../charts/vega-chart').then((m) => m.VegaChart), {
  ssr: false,
});

/** Points of the curve. */
export const WHAT_IF_POINTS = 50;

/** The range to vary over: the training range, else the table's values (widened when flat). */
export function whatIfRange(feature: ModelInput, rows: Record<string, string>[]): [number, number] {
  if (
    typeof feature.min === 'number' &&
    typeof feature.max === 'number' &&
    feature.max > feature.min
  ) {
    return [feature.min, feature.max];
  }
  const values = rows.map((row) => Number(row[feature.name])).filter(Number.isFinite);
  if (values.length === 0) return [0, 1];
  const low = Math.min(...values);
  const high = Math.max(...values);
  if (high > low) return [low, high];
  const spread = Math.abs(low) / 2 || 1;
  return [low - spread, low + spread];
}

/** `count` evenly spaced values from `low` to `high`. */
export function grid(low: number, high: number, count = WHAT_IF_POINTS): number[] {
  return Array.from({ length: count }, (_, k) => low + ((high - low) * k) / (count - 1));
}

function curveSpec(
  points: { x: number; y: number }[],
  feature: string,
  label: string,
  held: number | null,
): VisualizationSpec {
  const layers: object[] = [
    {
      mark: { type: 'line', point: true, tooltip: true },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: feature, scale: { zero: false } },
        y: {
          field: 'y',
          type: 'quantitative',
          title: `${label} (predicted)`,
          scale: { zero: false },
        },
      },
    },
  ];
  if (held !== null) {
    layers.push({
      data: { values: [{ x: held }] },
      mark: { type: 'rule', strokeDash: [4, 4], color: '#64748b' },
      encoding: { x: { field: 'x', type: 'quantitative' } },
    });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height: 300,
    data: { values: points },
    layer: layers,
  } as VisualizationSpec;
}

export function WhatIf({
  modelId,
  features,
  label,
  rows,
}: {
  modelId: string;
  features: ModelInput[];
  label: string;
  rows: Record<string, string>[];
}) {
  const numeric = features.filter((f) => f.kind === 'numeric');
  const [featureName, setFeature] = useState(numeric[0]?.name ?? '');
  const [rowIndex, setRow] = useState(0);
  const [curve, setCurve] = useState<{
    points: { x: number; y: number }[];
    feature: string;
    held: number | null;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  if (numeric.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        The what-if curve needs a numeric feature; this model has none.
      </p>
    );
  }
  const row = rows[Math.min(rowIndex, rows.length - 1)] ?? {};

  async function draw() {
    const feature = numeric.find((f) => f.name === featureName) ?? numeric[0];
    const [low, high] = whatIfRange(feature, rows);
    const xs = grid(low, high);
    const base = Object.fromEntries(
      Object.entries(row).map(([k, v]) => [k, v.trim() === '' ? null : v]),
    );
    setPending(true);
    setError(null);
    try {
      const answer = await callApi<ManualAnswer>(`/api/models/${modelId}/predict`, {
        method: 'POST',
        body: { rows: xs.map((x) => ({ ...base, [feature.name]: x })) },
      });
      if (answer.errors.length > 0) {
        setError(
          `Row ${rowIndex + 1} cannot be used: ${answer.errors[0].message.replace(/^row \d+, /, '')}`,
        );
        setCurve(null);
        return;
      }
      const points = xs.flatMap((x, k) =>
        answer.predictions[k] === null ? [] : [{ x, y: answer.predictions[k] as number }],
      );
      const held = Number(row[feature.name]);
      setCurve({
        points,
        feature: feature.name,
        held: row[feature.name]?.trim() && Number.isFinite(held) ? held : null,
      });
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <section aria-label="What-if curve" className="space-y-3">
      <h4 className="font-medium text-slate-900">What if one feature changes?</h4>
      <p className="text-sm text-slate-600">
        Varies one numeric feature across its training range in {WHAT_IF_POINTS} steps, with the
        other features held at the values of the chosen row.
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <label
          htmlFor="what-if-feature"
          className="flex flex-col text-sm font-medium text-slate-800"
        >
          Feature to vary
          <select
            id="what-if-feature"
            value={featureName}
            onChange={(e) => setFeature(e.target.value)}
            className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            {numeric.map((f) => (
              <option key={f.name} value={f.name}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor="what-if-row" className="flex flex-col text-sm font-medium text-slate-800">
          Hold the others at row
          <select
            id="what-if-row"
            value={rowIndex}
            onChange={(e) => setRow(Number(e.target.value))}
            className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            {rows.map((_, k) => (
              <option key={k} value={k}>
                {k + 1}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={draw}
          disabled={pending}
          className="rounded-md border border-indigo-600 px-3 py-1.5 text-sm font-semibold text-indigo-700 hover:bg-indigo-50 disabled:opacity-60"
        >
          {pending ? 'Drawing…' : 'Draw the curve'}
        </button>
      </div>
      {error && <FormAlert>{error}</FormAlert>}
      {curve && curve.points.length > 0 && (
        <VegaChart
          spec={curveSpec(curve.points, curve.feature, label, curve.held)}
          label={`What-if curve of ${curve.feature}`}
          fileName={`what_if_${curve.feature}`}
        />
      )}
    </section>
  );
}
