'use client';
// The evaluation's charts, each downloadable as PNG or SVG from its menu.
import { VegaChart } from '@/components/charts/vega-chart';
import {
  leaderboardSpec,
  predictedVsRealSpec,
  residualHistogramSpec,
  residualsSpec,
} from '@/lib/evaluations/chart-specs';
import type { EvaluationResult } from '@/lib/evaluations/types';

/** Which charts to draw: the three of the scored rows, or the leaderboard's bar chart. */
export function ResultCharts({
  result,
  fileName,
  part,
}: {
  result: EvaluationResult;
  /** Base name of the downloads. */
  fileName: string;
  part: 'rows' | 'leaderboard';
}) {
  if (part === 'leaderboard') {
    return (
      <VegaChart
        spec={leaderboardSpec(result)}
        label="Test leaderboard chart"
        fileName={`${fileName}-leaderboard`}
      />
    );
  }
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <div className="lg:col-span-2">
        <VegaChart
          spec={predictedVsRealSpec(result)}
          label="Predicted vs real"
          fileName={`${fileName}-predicted-vs-real`}
        />
      </div>
      <VegaChart
        spec={residualsSpec(result)}
        label="Residuals vs predicted"
        fileName={`${fileName}-residuals`}
      />
      <VegaChart
        spec={residualHistogramSpec(result)}
        label="Residual histogram"
        fileName={`${fileName}-residual-histogram`}
      />
    </div>
  );
}
