import { fit, loadPredictor } from '../../lib/automl';
import { readCsvAsText, sharedPath } from '../../tests/automl/helpers';
(async () => {
  for (const name of ['cars', 'college_distance', 'txhousing', 'diamonds']) {
    const label = {
      cars: 'Miles_per_Gallon',
      college_distance: 'score',
      txhousing: 'median',
      diamonds: 'price',
    }[name]!;
    const train = readCsvAsText(sharedPath('datasets/splits', name, 'train.csv'));
    const test = readCsvAsText(sharedPath('datasets/splits', name, 'test.csv'));
    const t0 = Date.now();
    const p = fit(train, {
      label,
      models: process.argv[2] ? process.argv[2].split(',') : undefined,
    });
    console.log(
      name,
      (Date.now() - t0) / 1000,
      's',
      JSON.stringify(p.metadata.features.map((f) => f.name + ':' + f.kind)),
      JSON.stringify(p.metadata.dropped),
    );
    console.table(
      p.leaderboard(test).map((r) => ({
        name: r.name,
        st: r.status,
        reason: r.reason?.slice(0, 60),
        v: r.validationRmse,
        t: r.testRmse,
        fit: r.fitSec,
        w: r.ensembleWeight,
      })),
    );
    const bytes = await p.save();
    const q = await loadPredictor(bytes);
    const a = p.predict(test).predictions,
      b = q.predict(test).predictions;
    console.log(
      'bytes',
      bytes.length,
      'equal',
      a.every((x, i) => Object.is(x, b[i])),
    );
  }
})();
