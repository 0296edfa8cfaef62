import { fit, columnTable } from '../../lib/automl';
import { fitPipeline } from '../../lib/automl/features';
import { Random } from '../../lib/automl/random';
const n = 1_000_000;
const r = new Random(1);
const a = Float64Array.from({ length: n }, () => r.normal());
const b: (number | null)[] = Array.from({ length: n }, (_, i) => (i % 10 ? r.next() : null));
const c = Array.from({ length: n }, () => ['red', 'green', 'blue', 'x' + r.int(5000)][r.int(4)]);
const d = Array.from({ length: n }, (_, i) => `2020-0${1 + (i % 9)}-1${i % 10}`);
const y = Float64Array.from(
  { length: n },
  (_, i) => 2 * a[i] + (b[i] ?? 0.5) + (c[i] === 'red' ? 1 : 0) + r.normal(),
);
const t = columnTable({ a, b, c, d, y });
const rows = Uint32Array.from({ length: n }, (_, i) => i);
let t0 = performance.now();
const f = fitPipeline(t, rows, { label: 'y' });
console.log('pipeline fit', ((performance.now() - t0) / 1000).toFixed(2));
t0 = performance.now();
f.pipeline.transform(t, true);
console.log('transform', ((performance.now() - t0) / 1000).toFixed(2));
t0 = performance.now();
const p = fit(t, { label: 'y', models: ['linear'] });
console.log(
  'fit linear 1M',
  ((performance.now() - t0) / 1000).toFixed(2),
  's',
  JSON.stringify(p.metadata.phaseSec),
  (process.memoryUsage().rss / 2 ** 20).toFixed(0),
  'MB',
);
t0 = performance.now();
const out = p.predict(t);
console.log('predict 1M', ((performance.now() - t0) / 1000).toFixed(2), 's', out.warnings.length);
