'use client';
// One Vega-Lite chart: tooltips on hover, and the chart menu offering PNG and SVG downloads.
import { VegaEmbed } from 'react-vega';
import type { EmbedOptions, VisualizationSpec } from 'vega-embed';

const options: EmbedOptions = {
  actions: { export: true, source: false, compiled: false, editor: false },
  renderer: 'svg',
};

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
  return (
    <figure aria-label={label} className="w-full overflow-x-auto" data-testid="chart">
      <VegaEmbed
        spec={spec}
        options={{ ...options, downloadFileName: fileName }}
        className="w-full"
      />
    </figure>
  );
}
