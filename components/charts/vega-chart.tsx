'use client';
// One Vega-Lite chart: tooltips on hover, and the chart menu offering PNG and SVG downloads.
import { useEffect, useRef, useState } from 'react';
import { VegaEmbed } from 'react-vega';
import type { EmbedOptions, VisualizationSpec } from 'vega-embed';
import { fitTitle } from './fit-title';

const options: EmbedOptions = {
  actions: { export: true, source: false, compiled: false, editor: false },
  renderer: 'svg',
};

/** The element's width in whole pixels, followed as it resizes; 0 until measured. */
function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.round(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

export function VegaChart({
  spec,
  label,
  fileName,
}: {
  spec: VisualizationSpec;
  /** What the chart shows, for screen readers. */
  label: string;
  /** Base name of the PNG/SVG downloads. */
  fileName: string;
}) {
  const figure = useRef<HTMLElement>(null);
  // VegaEmbed compares specs by value, so the chart is drawn again only when the title changes.
  const fitted = fitTitle(spec, useWidth(figure));
  return (
    <figure ref={figure} aria-label={label} className="w-full overflow-x-auto" data-testid="chart">
      <VegaEmbed
        spec={fitted}
        options={{ ...options, downloadFileName: fileName }}
        className="w-full"
      />
    </figure>
  );
}
