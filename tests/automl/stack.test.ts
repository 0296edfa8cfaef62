// Stacked members (level 2 sees the features plus level-1 predictions) predict and round-trip.

import JSZip from 'jszip';
import { AutoMLError, columnTable, fit, loadPredictor, Predictor } from '@/lib/automl';
import { linearFamily } from '@/lib/automl/linear';
import { Random } from '@/lib/automl/random';
import { stackColumnName, withStackInputs } from '@/lib/automl/stack';

function table(n: number, seed: number) {
  const random = new Random(seed);
  const a = Array.from({ length: n }, () => random.normal());
  const y = a.map((v) => v * v + 0.1 * random.normal());
  return columnTable({ a, y });
}

async function stackedPredictor() {
  const train = table(200, 1);
  const base = await fit(train, { label: 'y', models: ['linear'] });
  const level1 = base.parts.members[0];
  const { X } = base.parts.pipeline.transform(train);
  const basePredictions = level1.models[0].predict(X);
  const X2 = withStackInputs(X, ['linear'], () => basePredictions);
  const y = Float64Array.from(train.array('y') as number[]);
  const model = linearFamily.fit({ X: X2, y }, undefined, {}, { seed: 0 });
  const level2 = {
    name: 'linear_L2',
    family: 'linear',
    stackLevel: 2,
    models: [model],
    inputs: ['linear'],
  };
  const predictor = new Predictor({
    ...base.parts,
    members: [level1, level2],
    weights: Float64Array.from([0, 1]),
  });
  return { predictor, level1, model };
}

describe('stacked prediction', () => {
  it('feeds level-1 predictions to the level-2 member as a named column', async () => {
    const { predictor, level1, model } = await stackedPredictor();
    const test = table(50, 2);
    const { X } = predictor.parts.pipeline.transform(test);
    const X2 = withStackInputs(X, ['linear'], () => level1.models[0].predict(X));
    expect(X2.features.map((f) => f.name)).toEqual(['a', stackColumnName('linear')]);
    expect(predictor.predict(test).predictions).toEqual(model.predict(X2));
  });

  it('saves the inputs and loads a predictor that predicts bit for bit alike', async () => {
    const { predictor } = await stackedPredictor();
    const test = table(50, 3);
    const loaded = await loadPredictor(await predictor.save());
    expect(loaded.parts.members[1].inputs).toEqual(['linear']);
    const a = predictor.predict(test).predictions;
    const b = loaded.predict(test).predictions;
    expect(Buffer.from(b.buffer).equals(Buffer.from(a.buffer))).toBe(true);
  });

  it('refuses a file whose stacking input is not a lower-level model', async () => {
    const { predictor } = await stackedPredictor();
    const zip = await JSZip.loadAsync(await predictor.save());
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    manifest.models[0].inputs = ['linear_L2'];
    zip.file('manifest.json', JSON.stringify(manifest));
    const error = await loadPredictor(await zip.generateAsync({ type: 'uint8array' })).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(AutoMLError);
    expect(error.message).toBe(
      "model 'linear' (level 1) takes input 'linear_L2', which is not a lower-level model",
    );
  });
});
