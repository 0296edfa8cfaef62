// The load benchmark's table: requests, errors and latency percentiles per group of requests.

/** One answered request: when it ended (epoch ms), how long it took (ms), its HTTP status. */
export interface Sample {
  at: number;
  ms: number;
  status: number;
}

/** A group of requests of one kind; `failures` counts requests that got no answer at all. */
export interface Group {
  name: string;
  samples: Sample[];
  failures: number;
  /** Whether the p95 target applies to this group. */
  target?: boolean;
}

/** p95 latency target of list pages and status polls, in ms. */
export const TARGET_P95_MS = 300;

/** The p-th percentile (0–100) of `values` by nearest rank; NaN when empty. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function row(name: string, samples: Sample[], failures: number, target?: boolean): string[] {
  const ms = samples.map((s) => s.ms);
  const errors = samples.filter((s) => s.status < 200 || s.status >= 300).length + failures;
  const p95 = percentile(ms, 95);
  const verdict = !target ? '' : p95 <= TARGET_P95_MS ? 'met' : 'MISSED';
  const fmt = (value: number) => (Number.isNaN(value) ? '-' : value.toFixed(0));
  return [
    name,
    String(samples.length + failures),
    String(errors),
    fmt(percentile(ms, 50)),
    fmt(p95),
    fmt(percentile(ms, 99)),
    verdict,
  ];
}

/**
 * Prints one row per group, and for the groups with a target one more row for the requests that
 * ended while the uploads ran. Returns false when any request failed (non-2xx or no answer).
 */
export function printGroups(
  groups: Group[],
  burst: { from: number; to: number },
  say: (line: string) => void,
): boolean {
  const rows = [
    ['group', 'requests', 'errors', 'p50 ms', 'p95 ms', 'p99 ms', `p95 ≤ ${TARGET_P95_MS}`],
  ];
  let failed = 0;
  for (const group of groups) {
    rows.push(row(group.name, group.samples, group.failures, group.target));
    failed += Number(rows[rows.length - 1][2]);
    if (!group.target) continue;
    const during = group.samples.filter((s) => s.at >= burst.from && s.at <= burst.to);
    rows.push(row('  …while uploads ran', during, 0, true));
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) {
    say(
      r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '),
    );
  }
  return failed === 0;
}
