'use client';
// A rotatable 3D scatter (two features and the prediction) drawn by plotly.js with WebGL. The
// library is about 4 MB, so it is loaded in the browser only, when a 3D plot is first shown.
import { useEffect, useRef, useState } from 'react';
import { scatter3dLayout } from './scatter-3d-layout';
import type { Cell } from './types';

/** Points of the plot: x and y are feature values (numbers, dates or levels), z the prediction. */
export interface Scatter3dData {
  x: Cell[];
  y: Cell[];
  z: number[];
  xTitle: string;
  yTitle: string;
  zTitle: string;
}

export function Scatter3d({ data, label }: { data: Scatter3dData; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    let cancelled = false;
    const element = box.current;
    if (!element) return;
    import('plotly.js-dist-min')
      .then(async ({ default: Plotly }) => {
        if (cancelled) return;
        const { layout, colorbar } = scatter3dLayout(element.clientWidth, {
          x: data.xTitle,
          y: data.yTitle,
          z: data.zTitle,
        });
        const trace = {
          type: 'scatter3d' as const,
          mode: 'markers' as const,
          x: data.x as Plotly.Datum[],
          y: data.y as Plotly.Datum[],
          z: data.z,
          marker: {
            size: 3,
            color: data.z,
            colorscale: 'Viridis',
            showscale: true,
            colorbar,
            opacity: 0.85,
          },
          hovertemplate: `${data.xTitle}: %{x}<br>${data.yTitle}: %{y}<br>${data.zTitle}: %{z}<extra></extra>`,
        };
        await Plotly.react(element, [trace], layout, { responsive: true, displaylogo: false });
        if (!cancelled) setState('ready');
      })
      .catch(() => !cancelled && setState('failed'));
    return () => {
      cancelled = true;
      import('plotly.js-dist-min').then(({ default: Plotly }) => Plotly.purge(element));
    };
  }, [data]);

  return (
    <figure
      aria-label={label}
      data-testid="scatter-3d"
      data-state={state}
      className="relative w-full max-w-full overflow-hidden"
    >
      {state === 'loading' && <p className="text-sm text-slate-500">Loading the 3D plot…</p>}
      {state === 'failed' && (
        <p className="text-sm text-red-700">
          The 3D plot could not be drawn: this browser may have WebGL turned off.
        </p>
      )}
      <div ref={box} className="w-full" />
    </figure>
  );
}
