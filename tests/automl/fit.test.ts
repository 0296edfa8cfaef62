import JSZip from 'jszip';
import { AutoMLError, columnTable, fit, loadPredictor, type TableLike } from '@/lib/automl';
import { FAMILIES } from '@/lib/automl/families';
import { Random } from '@/lib/automl/random';
import type { ModelFamily } from '@/lib/automl/types';

/** y = 3·a − 2·b + level offset + noise, with some missing values. */
function syntheticTable(n: number, seed: number): TableLike {
  const random = new Random(seed);
  const a: (number | null)[] = [];
  const b: number[] = [];
  const level: string[] = [];
  const y: number[] = [];
  const offsets: Record<string, number> = { red: 0, green: 5, blue: -5 };
  for (let i = 0; i < n; i++) {
    const av = random.normal();
    const bv = random.next() * 4;
    const lv = ['red', 'green', 'blue'][random.int(3)];
    a.push(i % 17 === 0 ? null : av);
    b.push(bv);
    level.push(lv);
    y.push(3 * av - 2 * bv + offsets[lv] + 0.1 * random.normal());
  }
  return columnTable({ a, b, level, y });
}

const expectCode = async (run: () => unknown, code: string, message: string | RegExp) => {
  let caught: unknown;
  try {
    await run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AutoMLError);
  expect((caught as AutoMLError).code).toBe(code);
  expect((caught as AutoMLError).message).toMatch(message);
};

describe('fit input checks', () => {
  const base = syntheticTable(30, 1);

  it('refuses a missing label column by name', async () => {
    await expectCode(
      () => fit(base, { label: 'price' }),
      'LABEL_MISSING',
      "label column 'price' not found",
    );
  });

  it('refuses text labels, naming the column and the offending values with rows', async () => {
    const y = base.array('y') as number[];
    const table = columnTable({
      a: base.array('a'),
      y: y.map((v, i) => (i === 1 ? '<100000' : i === 4 ? 'unknown' : v)),
    });
    await expectCode(
      () => fit(table, { label: 'y' }),
      'LABEL_NOT_NUMERIC',
      "label column 'y' must be numeric: 2 values are not a number (row 2: '<100000', row 5: 'unknown')",
    );
  });

  it('refuses infinite labels, naming the rows', async () => {
    const y = (base.array('y') as number[]).map((v, i) =>
      i === 3 ? Infinity : i === 8 ? '-Infinity' : v,
    );
    await expectCode(
      () => fit(columnTable({ a: base.array('a'), y }), { label: 'y' }),
      'LABEL_NOT_FINITE',
      "label column 'y' must hold finite numbers: 2 values are infinite (row 4: 'Infinity', row 9: '-Infinity')",
    );
  });

  it('refuses fewer than ten labelled rows', async () => {
    const y = (base.array('y') as number[]).map((v, i) => (i < 21 ? null : v));
    await expectCode(
      () => fit(columnTable({ a: base.array('a'), y }), { label: 'y' }),
      'TOO_FEW_ROWS',
      "only 9 rows have a value in label column 'y' (21 missing); at least 10 are needed",
    );
  });

  it('refuses a header-only or two-row table with the minimum-rows message', async () => {
    await expectCode(
      () => fit(columnTable({ size: [], price: [] }), { label: 'price' }),
      'TOO_FEW_ROWS',
      "only 0 rows have a value in label column 'price'; at least 10 are needed",
    );
    await expectCode(
      () => fit(columnTable({ size: [50, 60], price: [100000, 120000] }), { label: 'price' }),
      'TOO_FEW_ROWS',
      /^only 2 rows/,
    );
  });

  it('refuses unknown families, bad options and absent feature columns', async () => {
    await expectCode(
      () => fit(base, { label: 'y', models: ['xgb'] }),
      'INVALID_OPTION',
      /unknown model family xgb \(known: .*linear/,
    );
    await expectCode(
      () => fit(base, { label: 'y', holdoutFraction: 0.9 }),
      'INVALID_OPTION',
      /option holdoutFraction/,
    );
    await expectCode(
      () => fit(base, { label: 'y', pruneTolerance: 0.5 }),
      'INVALID_OPTION',
      /option pruneTolerance/,
    );
    await expectCode(
      () => fit(base, { label: 'y', dynamicStacking: 'yes' as never }),
      'INVALID_OPTION',
      'option dynamicStacking: Invalid input: expected boolean, received string',
    );
    await expectCode(
      () => fit(base, { label: 'y', features: ['a', 'nope', 'nix'] }),
      'MISSING_COLUMNS',
      'feature columns not found: nope, nix',
    );
  });

  describe('with a family that throws', () => {
    const broken: ModelFamily = {
      name: 'broken',
      fit: () => {
        throw new Error('out of memory in the broken learner');
      },
      fromArtifact: () => {
        throw new Error('unused');
      },
    };
    beforeAll(async () => {
      FAMILIES.broken = { family: broken, relativeCost: 0.5 };
    });
    afterAll(() => {
      delete FAMILIES.broken;
    });

    it('records the failure with its reason and still returns the other models', async () => {
      const predictor = await fit(base, { label: 'y', models: ['linear', 'broken'] });
      const rows = predictor.leaderboard();
      expect(rows.find((row) => row.name === 'broken')).toMatchObject({
        status: 'failed',
        reason: 'out of memory in the broken learner',
        validationRmse: null,
        ensembleWeight: 0,
      });
      expect(rows.find((row) => row.name === 'linear')?.status).toBe('ok');
      expect(Number.isFinite(predictor.predict(base).predictions[0])).toBe(true);
    });

    it('refuses the fit when no model finishes, giving each reason', async () => {
      await expectCode(
        () => fit(base, { label: 'y', models: ['broken'] }),
        'NO_MODEL_TRAINED',
        'no model could be trained (broken: out of memory in the broken learner)',
      );
    });
  });
});

describe('fit results', () => {
  const train = syntheticTable(400, 3);
  const test = syntheticTable(100, 4);

  it('learns the synthetic function and records metadata per phase', async () => {
    const predictor = await fit(train, { label: 'y', models: ['linear'] });
    // Rows with a missing 'a' (one in 17) lose its term, so the fit is close but not exact.
    expect(predictor.evaluate(test).metrics.r2).toBeGreaterThan(0.97);
    const meta = predictor.metadata;
    expect(meta.features.map((f) => `${f.name}:${f.kind}`)).toEqual([
      'a:numeric',
      'b:numeric',
      'level:categorical',
    ]);
    expect(meta.trainingRows + meta.validationRows).toBe(400);
    expect(meta.validationRows).toBe(80);
    expect(Object.keys(meta.phaseSec)).toEqual(
      expect.arrayContaining(['label', 'features', 'models', 'ensemble', 'total']),
    );
  });

  it('scores, ranks and weights models by the chosen metric, kept in the model file', async () => {
    const options = { label: 'y', models: ['linear', 'gbdt', 'knn'], seed: 2 };
    const byMae = await fit(train, { ...options, evalMetric: 'mae' });
    const rows = byMae.leaderboard().filter((row) => row.status === 'ok');
    expect(byMae.metadata.evalMetric).toBe('mae');
    for (const row of rows) {
      // Mean absolute error never exceeds the root mean squared error, and equals it only when
      // every error has the same size.
      expect(row.validationScore).toBeLessThan(row.validationRmse!);
    }
    const maes = rows.map((row) => row.validationScore!);
    expect(maes).toEqual([...maes].sort((a, b) => a - b));
    const tested = byMae.leaderboard(test).find((row) => row.name === 'WeightedEnsemble')!;
    expect(tested.testScore).toBeCloseTo(byMae.evaluate(test).metrics.mae, 10);

    const byR2 = await fit(train, { ...options, evalMetric: 'r2' });
    const r2s = byR2
      .leaderboard()
      .filter((row) => row.status === 'ok')
      .map((row) => row.validationScore!);
    expect(r2s).toEqual([...r2s].sort((a, b) => b - a));
    expect(r2s[0]).toBeLessThanOrEqual(1);

    // The ensemble's three validation metrics are kept whatever the metric.
    const ensembleRow = byMae.leaderboard().find((row) => row.name === 'WeightedEnsemble')!;
    expect(byMae.metadata.validationMetrics!.mae).toBeCloseTo(ensembleRow.validationScore!, 10);
    expect(byMae.metadata.validationMetrics!.rmse).toBeCloseTo(ensembleRow.validationRmse!, 10);
    expect(byMae.metadata.validationMetrics!.r2).toBeLessThan(1);

    const reloaded = await loadPredictor(await byMae.save());
    expect(reloaded.metadata.evalMetric).toBe('mae');
    expect(reloaded.leaderboard()).toEqual(byMae.leaderboard());
  }, 60_000);

  it('gives identical predictions and model files for the same seed, different ones for another', async () => {
    const options = { label: 'y', models: ['linear', 'gbdt'], seed: 7 };
    const first = await fit(train, options);
    const second = await fit(train, options);
    const other = await fit(train, { ...options, seed: 8 });
    expect(second.predict(test).predictions).toEqual(first.predict(test).predictions);
    expect(other.predict(test).predictions).not.toEqual(first.predict(test).predictions);
    const [a, b] = [await first.save(), await second.save()];
    const manifest = async (bytes: Uint8Array) => {
      const json = JSON.parse(
        await (await JSZip.loadAsync(bytes)).file('manifest.json')!.async('string'),
      );
      delete json.leaderboard;
      delete json.training.phaseSec;
      for (const model of json.models) for (const part of model.parts) delete part.params.timingsMs;
      return json;
    };
    expect(await manifest(b)).toEqual(await manifest(a));
  });

  it.each([
    ['linear', 'lambda'],
    ['gbdt', 'numTrees'],
  ])('refits %s on all rows keeping its tuned %s and its holdout scores', async (family, tuned) => {
    const holdoutOnly = await fit(train, { label: 'y', models: [family], refitFull: false });
    const refitted = await fit(train, { label: 'y', models: [family] });
    const params = (p: typeof refitted) => p.parts.members[0].models[0].toArtifact().params;
    expect(refitted.metadata.refitModels).toEqual([family]);
    expect(holdoutOnly.metadata.refitModels).toEqual([]);
    expect(params(refitted)[tuned]).toBe(params(holdoutOnly)[tuned]);
    expect(refitted.leaderboard().map((r) => r.validationRmse)).toEqual(
      holdoutOnly.leaderboard().map((r) => r.validationRmse),
    );
    expect(refitted.predict(test).predictions).not.toEqual(holdoutOnly.predict(test).predictions);
  });

  it('reports progress from 0 to 1 without going backwards', async () => {
    const seen: number[] = [];
    await fit(train, {
      label: 'y',
      models: ['linear', 'gbdt'],
      onProgress: (fraction) => seen.push(fraction),
    });
    expect(seen[0]).toBe(0);
    expect(seen[seen.length - 1]).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
  });

  it('returns within a tight time limit with at least one model', async () => {
    const big = syntheticTable(20000, 5);
    const start = Date.now();
    const predictor = await fit(big, { label: 'y', timeLimitSec: 1, models: ['linear', 'gbdt'] });
    expect(Date.now() - start).toBeLessThan(1500);
    expect(
      predictor.leaderboard().some((row) => row.status === 'ok' && row.family !== 'ensemble'),
    ).toBe(true);
  });
});

describe('model file', () => {
  const train = syntheticTable(300, 11);
  const test = syntheticTable(60, 12);

  it('loads back a predictor whose predictions are equal bit for bit', async () => {
    const predictor = await fit(train, { label: 'y', models: ['linear', 'gbdt'] });
    const loaded = await loadPredictor(await predictor.save());
    const a = predictor.predict(test).predictions;
    const b = loaded.predict(test).predictions;
    expect(Buffer.from(b.buffer).equals(Buffer.from(a.buffer))).toBe(true);
    expect(loaded.leaderboard()).toEqual(predictor.leaderboard());
    expect(loaded.metadata).toEqual(predictor.metadata);
    // Saving the loaded predictor again gives the very same file.
    expect(Buffer.from(await loaded.save()).equals(Buffer.from(await predictor.save()))).toBe(true);
  });

  const refuse = async (bytes: Uint8Array, code: string, message: string | RegExp) => {
    const error = await loadPredictor(bytes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AutoMLError);
    expect((error as AutoMLError).code).toBe(code);
    expect((error as AutoMLError).message).toMatch(message);
  };

  const zipWith = async (files: Record<string, string>) => {
    const zip = new JSZip();
    for (const [name, text] of Object.entries(files)) zip.file(name, text);
    return zip.generateAsync({ type: 'uint8array' });
  };

  it('refuses a file that is not a zip', async () => {
    await refuse(
      new TextEncoder().encode('a,b\n1,2\n'),
      'INVALID_MODEL_FILE',
      'not a Cidra-ML model: the file is not a zip archive',
    );
  });

  it('refuses a zip without our manifest', async () => {
    await refuse(
      await zipWith({ 'data.csv': 'a,b' }),
      'INVALID_MODEL_FILE',
      /not a Cidra-ML model: the zip has no manifest.json/,
    );
    await refuse(
      await zipWith({ 'manifest.json': '{"name":"other"}' }),
      'INVALID_MODEL_FILE',
      /not a Cidra-ML model/,
    );
  });

  it('refuses a newer or unknown format version', async () => {
    const newer = await zipWith({
      'manifest.json': JSON.stringify({ format: 'cidra-ml-model', formatVersion: 2 }),
    });
    await refuse(
      newer,
      'UNSUPPORTED_MODEL_VERSION',
      /model format version 2 is newer than this Cidra-ML can read \(1\)/,
    );
    const odd = await zipWith({
      'manifest.json': JSON.stringify({ format: 'cidra-ml-model', formatVersion: 'one' }),
    });
    await refuse(odd, 'UNSUPPORTED_MODEL_VERSION', 'unknown model format version "one"');
  });

  it('refuses a manifest with wrong types, naming the field', async () => {
    const zip = await JSZip.loadAsync(
      await (await fit(train, { label: 'y', models: ['linear'] })).save(),
    );
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    manifest.models[0].stackLevel = 'one';
    zip.file('manifest.json', JSON.stringify(manifest));
    await refuse(
      await zip.generateAsync({ type: 'uint8array' }),
      'INVALID_MODEL_FILE',
      /manifest field 'models.0.stackLevel'/,
    );
  });

  it('reports a model its family cannot read as a damaged model file, naming the model', async () => {
    FAMILIES.fragile = {
      family: {
        name: 'fragile',
        fit: () => {
          throw new Error('unused');
        },
        fromArtifact: () => {
          throw new TypeError("Cannot read properties of undefined (reading 'length')");
        },
      },
      relativeCost: 1,
    };
    try {
      const zip = await JSZip.loadAsync(
        await (await fit(train, { label: 'y', models: ['linear'] })).save(),
      );
      const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
      manifest.models[0].family = 'fragile';
      zip.file('manifest.json', JSON.stringify(manifest));
      await refuse(
        await zip.generateAsync({ type: 'uint8array' }),
        'INVALID_MODEL_FILE',
        "invalid Cidra-ML model file: model 'linear' cannot be read (Cannot read properties of undefined (reading 'length'))",
      );
    } finally {
      delete FAMILIES.fragile;
    }
  });

  it('refuses an array entry whose size does not match the manifest', async () => {
    const zip = await JSZip.loadAsync(
      await (await fit(train, { label: 'y', models: ['linear'] })).save(),
    );
    zip.file('arrays/0.bin', new Uint8Array(3));
    await refuse(
      await zip.generateAsync({ type: 'uint8array' }),
      'INVALID_MODEL_FILE',
      /arrays\/0.bin holds 3 bytes/,
    );
  });
});
