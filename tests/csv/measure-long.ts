// Measures readCsvFile on a large file: wall time, CPU time and peak resident memory.
// Usage: npx tsx tests/csv/measure-long.ts /tmp/long_2M_rows.csv  (make it with case 19's make_long.py)
import { readCsvFile } from '@/lib/csv';

async function main(file: string): Promise<void> {
  const baselineMB = process.memoryUsage().rss / 1e6;
  let peakBytes = 0;
  // Sampling misses short spikes; `/usr/bin/time -f %M` gives the exact peak for comparison.
  const sampler = setInterval(
    () => (peakBytes = Math.max(peakBytes, process.memoryUsage().rss)),
    10,
  );
  const started = performance.now();
  const cpuBefore = process.cpuUsage();

  const result = await readCsvFile(file);

  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  peakBytes = Math.max(peakBytes, process.memoryUsage().rss);
  const kinds: Record<string, number> = {};
  for (const column of result.columns) kinds[column.kind] = (kinds[column.kind] ?? 0) + 1;
  console.log(
    JSON.stringify({
      rows: result.rowCount,
      columns: result.columns.length,
      kinds,
      readMs: Math.round(performance.now() - started),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      baselineRssMB: Math.round(baselineMB),
      peakRssMB: Math.round(peakBytes / 1e6),
    }),
  );
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
