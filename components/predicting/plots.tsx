'use client';
// Plots of predictions for a batch result or the manual table: a 2D scatter of one feature against
// the prediction (optionally coloured by another feature) with Vega-Lite, and a rotatable 3D
// scatter of two features and the prediction.
import dynamic from 'next/dynamic';
import { useMemo, useState } from 'react';
import type { VisualizationSpec } from 'vega-embed';
import type { Cell, FeatureKind, ModelInput } from './types';
import type { Scatter3dData } from './scatter-3d';

// Vega and plotly touch `window` when loaded: both render in the browser only.
const VegaChart = dynamic(() => import('../charts/vega-chart').then((m) => m.VegaChart), {
  ssr: false,
});
const Scatter3d = dynamic(() => import('./scatter-3d').then((m) => m.Scatter3d), { ssr: false });

/** Feature values by column and one prediction per row (null: the row has none). */
export interface PlotData {
  columns: Record<string, Cell[]>;
  predictions: (number | null)[];
}

const vegaType: Record<FeatureKind, 'quantitative' | 'temporal' | 'nominal'> = {
  numeric: 'quantitative',
  datetime: 'temporal',
  categorical: 'nominal',
  boolean: 'nominal',
  text: 'nominal',
};

/** The 2D scatter's Vega-Lite spec; fields are renamed x/y/c so any column name is safe. */
export function scatterSpec(
  data: PlotData,
  x: ModelInput,
  predictionName: string,
  colour?: ModelInput,
): VisualizationSpec {
  const values = data.predictions.flatMap((y, row) =>
    y === null
      ? []
      : [
          {
            x: data.columns[x.name]?.[row] ?? null,
            y,
            c: colour ? (data.columns[colour.name]?.[row] ?? null) : null,
          },
        ],
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height: 320,
    data: { values },
    mark: { type: 'point', filled: true, opacity: 0.7, tooltip: true },
    encoding: {
      x: { field: 'x', type: vegaType[x.kind], title: x.name, scale: { zero: false } },
      y: { field: 'y', type: 'quantitative', title: predictionName, scale: { zero: false } },
      ...(colour ? { color: { field: 'c', type: vegaType[colour.kind], title: colour.name } } : {}),
    },
  } as VisualizationSpec;
}

/** How many predicted rows have a value in every one of `names`. */
export function rowsWithValues(data: PlotData, names: string[]): number {
  return data.predictions.filter(
    (y, row) => y !== null && names.every((name) => (data.columns[name]?.[row] ?? null) !== null),
  ).length;
}

/** Said instead of an empty plot when no predicted row has the chosen features' values. */
function NothingToPlot({ names }: { names: string[] }) {
  const which = names.length === 1 ? names[0] : `both ${names.join(' and ')}`;
  return (
    <p role="status" className="rounded-lg bg-slate-50 p-4 text-sm text-slate-600">
      No predicted row has a value for {which}, so there is nothing to plot: fill{' '}
      {names.length === 1 ? 'it' : 'them'} in, or choose another feature.
    </p>
  );
}

function FeatureSelect({
  id,
  label,
  value,
  options,
  onChange,
  allowNone,
}: {
  id: string;
  label: string;
  value: string;
  options: ModelInput[];
  onChange: (value: string) => void;
  allowNone?: boolean;
}) {
  return (
    <label htmlFor={id} className="flex flex-col text-sm font-medium text-slate-800">
      {label}
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
      >
        {allowNone && <option value="">none</option>}
        {options.map((feature) => (
          <option key={feature.name} value={feature.name}>
            {feature.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The 2D and 3D plots with their feature choices; `idPrefix` keeps ids unique on the page. */
export function PredictionPlots({
  features,
  data,
  predictionName,
  idPrefix,
}: {
  features: ModelInput[];
  data: PlotData;
  predictionName: string;
  idPrefix: string;
}) {
  const plottable = features.filter((f) => f.kind !== 'text');
  const numeric = plottable.filter((f) => f.kind === 'numeric' || f.kind === 'datetime');
  const first = numeric[0] ?? plottable[0];
  const [xName, setX] = useState(first?.name ?? '');
  const [colourName, setColour] = useState('');
  const [ax, setAx] = useState(first?.name ?? '');
  const [ay, setAy] = useState((numeric[1] ?? plottable[1] ?? first)?.name ?? '');
  const byName = useMemo(() => new Map(features.map((f) => [f.name, f])), [features]);

  const x = byName.get(xName);
  const colour = colourName ? byName.get(colourName) : undefined;
  const spec = useMemo(
    () => (x ? scatterSpec(data, x, predictionName, colour) : null),
    [data, x, colour, predictionName],
  );
  const cube = useMemo((): Scatter3dData | null => {
    if (!byName.get(ax) || !byName.get(ay)) return null;
    const rows = data.predictions.flatMap((y, row) => (y === null ? [] : [row]));
    return {
      x: rows.map((row) => data.columns[ax]?.[row] ?? null),
      y: rows.map((row) => data.columns[ay]?.[row] ?? null),
      z: rows.map((row) => data.predictions[row] as number),
      xTitle: ax,
      yTitle: ay,
      zTitle: predictionName,
    };
  }, [data, ax, ay, byName, predictionName]);

  if (!first) return <p className="text-sm text-slate-600">This model has no feature to plot.</p>;
  const predicted = data.predictions.filter((p) => p !== null).length;
  if (predicted === 0) return <p className="text-sm text-slate-600">No predictions to plot yet.</p>;
  const cubeHasPoints = rowsWithValues(data, [ax, ay]) > 0;

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <section aria-label="2D scatter" className="min-w-0 space-y-3">
        <h4 className="font-medium text-slate-900">Feature against prediction</h4>
        <div className="flex flex-wrap gap-3">
          <FeatureSelect
            id={`${idPrefix}-x`}
            label="Feature (x)"
            value={xName}
            options={plottable}
            onChange={setX}
          />
          <FeatureSelect
            id={`${idPrefix}-colour`}
            label="Colour by"
            value={colourName}
            options={plottable}
            onChange={setColour}
            allowNone
          />
        </div>
        {x && rowsWithValues(data, [x.name]) === 0 && <NothingToPlot names={[x.name]} />}
        {spec && x && rowsWithValues(data, [x.name]) > 0 && (
          <VegaChart
            spec={spec}
            label={`Scatter of ${x.name} against ${predictionName}`}
            fileName={`${predictionName}_by_${x.name}`}
          />
        )}
      </section>
      <section aria-label="3D scatter" className="min-w-0 space-y-3">
        <h4 className="font-medium text-slate-900">
          Two features and the prediction (drag to rotate)
        </h4>
        <div className="flex flex-wrap gap-3">
          <FeatureSelect
            id={`${idPrefix}-ax`}
            label="Feature (x)"
            value={ax}
            options={plottable}
            onChange={setAx}
          />
          <FeatureSelect
            id={`${idPrefix}-ay`}
            label="Feature (y)"
            value={ay}
            options={plottable}
            onChange={setAy}
          />
        </div>
        {cube && !cubeHasPoints && <NothingToPlot names={ax === ay ? [ax] : [ax, ay]} />}
        {cube && cubeHasPoints && (
          <Scatter3d data={cube} label={`3D scatter of ${ax}, ${ay} and ${predictionName}`} />
        )}
      </section>
    </div>
  );
}
