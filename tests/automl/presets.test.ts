// Presets end to end: bagging, one stacking level, worker threads and the time plan.

import { columnTable, fit, loadPredictor, Predictor, type TableLike } from '@/lib/automl';
import JSZip from 'jszip';
import { Random } from '@/lib/automl/random';
import { describePredictor } from '@/lib/models/metadata';

/** y = a² + sin(6b) + 1 for level x, plus noise: non-linear, so trees and kNN beat ridge. */
function table(n: number, seed: number): TableLike {
  const random = new Random(seed);
  const a = Array.from({ length: n }, () => random.normal());
  const b = Array.from({ length: n }, () => random.next());
  const c = Array.from({ length: n }, () => ['x', 'y', 'z'][random.int(3)]);
  const y = a.map((v, i) => v * v + Math.sin(6 * b[i]) + (c[i] === 'x' ? 1 : 0));
  return columnTable({ a, b, c, y: y.map((v) => v + 0.1 * random.normal()) });
}

const bits = (values: Float64Array) =>
  Buffer.from(values.buffer, values.byteOffset, values.byteLength);

jest.setTimeout(120_000);

describe('presets', () => {
  const train = table(600, 1);
  const test = table(200, 2);

  it('fits the preset with the fewest models by default: one holdout split', async () => {
    const predictor = await fit(train, { label: 'y', models: ['linear', 'knn'] });
    const board = predictor.leaderboard();
    expect(board.map((row) => row.name).sort()).toEqual([
      'WeightedEnsemble',
      'knn_distance',
      'linear',
    ]);
    expect(board.every((row) => row.foldCount === 1)).toBe(true);
    expect(predictor.metadata.preset).toBe('medium_quality');
  });

  it('bags every model over 5 folds and scores it out of fold on every row (good_quality)', async () => {
    const options = {
      label: 'y',
      preset: 'good_quality' as const,
      models: ['linear', 'gbdt'],
      refitFull: false,
    };
    const predictor = await fit(train, options);
    expect(predictor.parts.members.map((m) => [m.name, m.models.length])).toEqual([
      ['linear', 5],
      ['gbdt', 5],
      ['gbdt_xt', 5],
    ]);
    expect(predictor.leaderboard().every((row) => row.foldCount === 5)).toBe(true);
    expect(predictor.metadata.validationRows).toBe(600);
    expect(predictor.metadata.refitModels).toEqual([]);
    // Ridge alone is far off (about 1.5) on this non-linear target; the bagged trees are not.
    expect(predictor.evaluate(test).metrics.rmse).toBeLessThan(0.7);

    // By default the members the ensemble weights are refitted on all rows, one model each, with
    // the folds' mean number of trees; scores and weights stay those measured out of fold.
    const refitted = await fit(train, { ...options, refitFull: undefined });
    const weighted = refitted.parts.members.filter((_, m) => refitted.parts.weights[m] > 0);
    expect(refitted.metadata.refitModels).toEqual(weighted.map((m) => m.name).sort());
    for (const [m, member] of refitted.parts.members.entries()) {
      expect(member.models.length).toBe(refitted.parts.weights[m] > 0 ? 1 : 5);
    }
    const scores = (p: typeof predictor) =>
      p.leaderboard().map((r) => [r.name, r.validationRmse, r.ensembleWeight, r.foldCount]);
    expect(scores(refitted)).toEqual(scores(predictor));
    const bagged = predictor.parts.members.find((m) => m.name === 'gbdt')!;
    const single = refitted.parts.members.find((m) => m.name === 'gbdt')!;
    if (single.models.length === 1) {
      const trees = (model: (typeof bagged.models)[number]) =>
        model.toArtifact().params.numTrees as number;
      const mean = bagged.models.reduce((sum, model) => sum + trees(model), 0) / 5;
      expect(Math.abs(trees(single.models[0]) - mean)).toBeLessThanOrEqual(0.5);
    }
    const rmse = refitted.evaluate(test).metrics.rmse;
    expect(rmse).toBeLessThan(0.7);
  });

  it('stacks a level on level-1 out-of-fold predictions and round-trips it bit for bit', async () => {
    const predictor = await fit(train, {
      label: 'y',
      preset: 'high_quality',
      models: ['linear', 'gbdt'],
      dynamicStacking: false,
    });
    expect(predictor.metadata.stackingCheck).toBeUndefined();
    const level2 = predictor.parts.members.filter((m) => m.stackLevel === 2);
    expect(level2.map((m) => m.name).sort()).toEqual(['gbdt_L2', 'linear_L2']);
    for (const member of level2) expect(member.inputs).toEqual(['linear', 'gbdt', 'gbdt_xt']);
    const ensemble = predictor.leaderboard().find((row) => row.name === 'WeightedEnsemble')!;
    expect(ensemble.stackLevel).toBe(3);
    // The stacked ridge sees the trees' predictions, so it beats the plain ridge by far.
    const rmse = (name: string) =>
      predictor.leaderboard().find((r) => r.name === name)!.validationRmse!;
    expect(rmse('linear_L2')).toBeLessThan(0.6 * rmse('linear'));

    const loaded = await loadPredictor(await predictor.save());
    expect(bits(loaded.predict(test).predictions)).toEqual(
      bits(predictor.predict(test).predictions),
    );
    expect(loaded.leaderboard(test)).toEqual(predictor.leaderboard(test));
  });

  it('rejects an unknown preset by name', async () => {
    await expect(fit(train, { label: 'y', preset: 'ultra' as never })).rejects.toThrow(/preset/);
  });
});

/** y = the sum of eight features plus a wave in the first: ridge gets the sum, trees the wave. */
function additive(n: number, seed: number): TableLike {
  const random = new Random(seed);
  const columns: Record<string, number[]> = {};
  for (let j = 0; j < 8; j++) columns[`x${j}`] = Array.from({ length: n }, () => random.normal());
  const y = Array.from({ length: n }, (_, i) => {
    let sum = 2 * Math.sin(3 * columns.x0[i]) + 0.1 * random.normal();
    for (let j = 0; j < 8; j++) sum += columns[`x${j}`][i];
    return sum;
  });
  return columnTable({ ...columns, y });
}

/** A label that is pure noise: nothing for a second level to add. */
function noise(n: number, seed: number): TableLike {
  const random = new Random(seed);
  const column = () => Array.from({ length: n }, () => random.normal());
  return columnTable({ a: column(), b: column(), y: column() });
}

describe('stacking check', () => {
  const options = { label: 'y', preset: 'high_quality' as const, models: ['linear', 'gbdt'] };

  // The fit follows the check's decision: level-2 members when stacking scored better on the
  // held-out rows, else none, and level-2 rows on the leaderboard saying why.
  function expectDecisionFollowed(predictor: Awaited<ReturnType<typeof fit>>) {
    const check = predictor.metadata.stackingCheck!;
    expect(check.holdoutRows).toBe(67); // 600 / 9
    expect(check.metric).toBe('rmse');
    expect(check.withoutStacking).toBeGreaterThan(0);
    const better = check.withStacking !== null && check.withStacking < check.withoutStacking!;
    expect(check.stacked).toBe(better);
    const level2 = predictor.parts.members.filter((m) => m.stackLevel === 2);
    const rows = predictor
      .leaderboard()
      .filter((row) => row.stackLevel === 2 && row.family !== 'ensemble');
    expect(rows.map((row) => row.name).sort()).toEqual(['gbdt_L2', 'linear_L2']);
    if (check.stacked) {
      expect(level2.map((m) => m.name).sort()).toEqual(['gbdt_L2', 'linear_L2']);
      for (const row of rows) expect(row.status).toBe('ok');
    } else {
      expect(level2).toEqual([]);
      for (const row of rows) {
        expect(row.status).toBe('skipped');
        expect(row.reason).toMatch(/^left out by the stacking check: on 67 held-out rows/);
      }
    }
  }

  it('keeps the stacking level when it wins on rows the check held out', async () => {
    // A stacked tree splits on ridge's prediction and the wave at once: 0.65 against 0.75.
    const predictor = await fit(additive(600, 0), options);
    expect(predictor.metadata.stackingCheck!.stacked).toBe(true);
    expectDecisionFollowed(predictor);
    expect(predictor.metadata.phaseSec.stackingCheck).toBeGreaterThan(0);
  });

  it('leaves the level out when it does not win, and the model file keeps the decision', async () => {
    // On noise the ensemble with level 2 weights no level-2 model: a tie, which stacking loses.
    const predictor = await fit(noise(600, 0), options);
    const check = predictor.metadata.stackingCheck!;
    expect(check.stacked).toBe(false);
    expect(check.withStacking).toBe(check.withoutStacking);
    expectDecisionFollowed(predictor);
    const bytes = await predictor.save();
    const loaded = await loadPredictor(bytes);
    expect(loaded.metadata.stackingCheck).toEqual(check);
    // A file whose decision is not a yes or no is refused, naming the field.
    const zip = await JSZip.loadAsync(bytes);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    manifest.training.stackingCheck.stacked = 'no';
    zip.file('manifest.json', JSON.stringify(manifest));
    await expect(loadPredictor(await zip.generateAsync({ type: 'uint8array' }))).rejects.toThrow(
      /manifest field 'training.stackingCheck.stacked'/,
    );
    expect(loaded.leaderboard()).toEqual(predictor.leaderboard());
    // The model page's notes tell users why.
    const score = check.withStacking!.toPrecision(4);
    expect(describePredictor(loaded).warnings).toContain(
      `Stacking level left out: a check held out 67 of the 600 rows, fitted the models on the rest and scored the ensemble on them: RMSE ${score} with the stacking level, ${score} without. The models shown were then fitted on all rows.`,
    );
    const unfinished = { ...check, withStacking: null };
    const timedOut = new Predictor({
      ...loaded.parts,
      metadata: { ...loaded.metadata, stackingCheck: unfinished },
    });
    expect(describePredictor(timedOut).warnings).toContain(
      'Stacking level left out: no stacked model finished within the time of the check.',
    );
  });

  it('does not stack a table too small to check, and says so', async () => {
    // 150 rows hold out 17 for the check, fewer than the 20 it judges on.
    const predictor = await fit(additive(150, 2), options);
    expect(predictor.metadata.stackingCheck).toEqual({
      holdoutRows: 17,
      metric: 'rmse',
      withStacking: null,
      withoutStacking: null,
      stacked: false,
      seconds: 0,
      rowsNeeded: 176,
    });
    expect(predictor.parts.members.filter((m) => m.stackLevel === 2)).toEqual([]);
    for (const name of ['gbdt_L2', 'linear_L2']) {
      expect(predictor.leaderboard().find((row) => row.name === name)).toMatchObject({
        status: 'skipped',
        reason: 'left out: too few rows for the stacking check to judge it (it needs 176 or more)',
      });
    }
    expect(describePredictor(predictor).warnings).toContain(
      'Stacking level left out: too few rows for the stacking check to judge it (it needs 176 or more).',
    );
  });

  it('makes the same decision with the same seed, on threads or not, in the fit metric', async () => {
    const data = additive(600, 1);
    const r2 = { ...options, seed: 3, evalMetric: 'r2' as const };
    const single = await fit(data, { ...r2, threads: 1 });
    const threaded = await fit(data, { ...r2, threads: 2 });
    const { seconds: _, ...decision } = single.metadata.stackingCheck!;
    expect(threaded.metadata.stackingCheck).toEqual({ ...decision, seconds: expect.any(Number) });
    // R² is better higher: stacking is kept when its R² is the larger.
    expect(decision.metric).toBe('r2');
    expect(decision.withoutStacking).toBeGreaterThan(0.8);
    expect(decision.stacked).toBe(decision.withStacking! > decision.withoutStacking!);
    expect(bits(threaded.predict(data).predictions)).toEqual(
      bits(single.predict(data).predictions),
    );
  });
});

describe('worker threads', () => {
  it('fit the same predictor as the calling thread given the same seed, reporting progress', async () => {
    const train = table(1500, 3);
    const test = table(300, 4);
    const options = {
      label: 'y',
      preset: 'high_quality' as const,
      models: ['linear', 'gbdt', 'rf'],
      seed: 5,
    };
    const messages: string[] = [];
    const single = await fit(train, { ...options, threads: 1 });
    const threaded = await fit(train, {
      ...options,
      threads: 2,
      onProgress: (_, message) => messages.push(message),
    });
    expect(bits(threaded.predict(test).predictions)).toEqual(
      bits(single.predict(test).predictions),
    );
    const scores = (p: typeof single) => p.leaderboard().map((r) => [r.name, r.validationRmse]);
    expect(scores(threaded)).toEqual(scores(single));
    // Learners' own messages come back from the threads, tagged with their fold.
    expect(messages.some((m) => /fold \d\/5: /.test(m))).toBe(true);
  });
});

describe('time limit', () => {
  it('ends within the limit plus a few seconds, with a finished model and skips explained', async () => {
    const train = table(20_000, 6);
    const limitSec = 3;
    const start = Date.now();
    const predictor = await fit(train, {
      label: 'y',
      preset: 'high_quality',
      timeLimitSec: limitSec,
    });
    // Thread start-up (tsx in each worker) is the "few seconds".
    expect(Date.now() - start).toBeLessThan(limitSec * 1050 + 4000);
    const board = predictor.leaderboard();
    expect(board.some((row) => row.status === 'ok' && row.family !== 'ensemble')).toBe(true);
    const skipped = board.filter((row) => row.status === 'skipped');
    expect(skipped.length).toBeGreaterThan(0);
    for (const row of skipped) expect(row.reason).toMatch(/time plan|time limit|stacking check/);
    // The check ran within a quarter of the time; here (2 cores) too little for level 2.
    const check = predictor.metadata.stackingCheck!;
    expect(check.seconds).toBeLessThan(limitSec);
    if (check.withStacking === null) {
      expect(board.find((row) => row.name === 'gbdt_L2')!.reason).toBe(
        'left out by the stacking check: no stacked model finished within its time',
      );
    }
    expect(predictor.predict(table(10, 7)).predictions).toHaveLength(10);
  });
});
