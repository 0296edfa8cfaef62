// The shared cases about labels, features and prediction input (10, 11, 14, 15), at engine level.

import { readFileSync } from 'node:fs';
import { AutoMLError, fit, rowsTable, type Predictor } from '@/lib/automl';
import { caseFile, readCsvAsText } from './helpers';

const errorOf = async (run: () => unknown): Promise<AutoMLError> => {
  try {
    await run();
  } catch (error) {
    if (error instanceof AutoMLError) return error;
    throw error;
  }
  throw new Error('expected an AutoMLError');
};

describe('case 10: bad label values', () => {
  const table = (file: string) => readCsvAsText(caseFile(10, file));

  it('refuses the 9 labelled rows (below the minimum of 10), naming price and 3 missing', async () => {
    const error = await errorOf(() => fit(table('target_missing.csv'), { label: 'price' }));
    expect(error.code).toBe('TOO_FEW_ROWS');
    expect(error.message).toBe(
      "only 9 rows have a value in label column 'price' (3 missing); at least 10 are needed",
    );
  });

  it('drops and counts rows with a missing label when enough remain', async () => {
    const data = table('target_missing.csv');
    const doubled = rowsTable(
      [...Array(2 * data.numRows()).keys()].map((i) => ({
        size: data.array('size')[i % 12],
        price: data.array('price')[i % 12],
      })),
    );
    const predictor = await fit(doubled, { label: 'price', models: ['linear'] });
    expect(predictor.metadata.droppedLabelRows).toBe(6);
    expect(predictor.metadata.trainingRows + predictor.metadata.validationRows).toBe(18);
  });

  it('refuses text labels naming price and <100000 on row 2', async () => {
    const error = await errorOf(() => fit(table('target_text.csv'), { label: 'price' }));
    expect(error.code).toBe('LABEL_NOT_NUMERIC');
    expect(error.message).toContain("label column 'price'");
    expect(error.message).toContain("row 2: '<100000'");
    expect(error.message).toContain("row 8: '135 000'");
  });

  it('refuses infinite labels naming price and rows 4 and 9', async () => {
    const error = await errorOf(() => fit(table('target_inf.csv'), { label: 'price' }));
    expect(error.code).toBe('LABEL_NOT_FINITE');
    expect(error.message).toMatch(/label column 'price'.*row 4: 'inf', row 9: '-Infinity'/);
  });

  it('treats 1–5 ratings as a regression target with real-valued predictions and RMSE', async () => {
    const data = table('target_few_unique_ratings.csv');
    // The linear model: boosted trees may find no signal in this noise and predict the mean, 3.
    const predictor = await fit(data, { label: 'rating', models: ['linear'] });
    const { predictions } = predictor.predict(data);
    expect(predictions.length).toBe(40);
    expect(predictions.every(Number.isFinite)).toBe(true);
    expect(predictions.some((p) => !Number.isInteger(p))).toBe(true);
    const { metrics } = predictor.evaluate(data);
    expect(Object.keys(metrics)).toEqual(expect.arrayContaining(['rmse', 'mae', 'r2']));
  });
});

describe('case 11: constant and all-missing features', () => {
  it('fails fast naming why each column is unusable', async () => {
    const table = readCsvAsText(caseFile(11, 'only_useless_features.csv'));
    const error = await errorOf(() => fit(table, { label: 'price' }));
    expect(error.code).toBe('NO_USABLE_FEATURES');
    expect(error.message).toBe(
      'no usable feature columns: const is constant, empty is entirely missing',
    );
  });

  it('ignores const and empty but keeps the 1-or-blank flag, which carries the signal', async () => {
    const table = readCsvAsText(caseFile(11, 'useless_plus_good.csv'));
    const predictor = await fit(table, { label: 'price', models: ['linear'] });
    expect(predictor.metadata.dropped.map((d) => d.name)).toEqual(['const', 'empty']);
    expect(predictor.metadata.features.map((f) => f.name)).toEqual(['flag_or_blank', 'size']);
    const withFlag = predictor.predict(rowsTable([{ size: 60, flag_or_blank: 1 }])).predictions[0];
    const without = predictor.predict(rowsTable([{ size: 60, flag_or_blank: null }]))
      .predictions[0];
    expect(withFlag - without).toBeGreaterThan(10000);
  });
});

describe('case 14: reordered, missing and extra columns', () => {
  const file = (name: string) => readCsvAsText(caseFile(14, name));
  let predictor: Predictor;
  beforeAll(async () => {
    predictor = await fit(file('train.csv'), { label: 'y' });
  });

  it('predicts reordered columns row for row identically, with identical metrics', async () => {
    const original = predictor.predict(file('test_original.csv')).predictions;
    expect(predictor.predict(file('test_reordered.csv')).predictions).toEqual(original);
    expect(predictor.evaluate(file('test_reordered.csv')).metrics).toEqual(
      predictor.evaluate(file('test_original.csv')).metrics,
    );
  });

  it('ignores an extra column, with a notice naming it', async () => {
    const extra = predictor.predict(file('test_extra_d.csv'));
    expect(extra.predictions).toEqual(predictor.predict(file('test_original.csv')).predictions);
    expect(extra.warnings.map((w) => w.message)).toEqual([
      "column 'd' is not used by the model and was ignored",
    ]);
  });

  it('refuses a missing feature column by name, for predict and evaluate', async () => {
    for (const run of [
      () => predictor.predict(file('test_missing_c.csv')),
      () => predictor.evaluate(file('test_missing_c.csv')),
    ]) {
      const error = await errorOf(run);
      expect(error.code).toBe('MISSING_COLUMNS');
      expect(error.message).toMatch(/^missing feature column: c /);
    }
  });

  it('predicts without the label but refuses to evaluate', async () => {
    expect(predictor.predict(file('test_no_target.csv')).predictions.length).toBe(10);
    const error = await errorOf(() => predictor.evaluate(file('test_no_target.csv')));
    expect(error.message).toBe("label column 'y' not found");
  });
});

describe('case 15: unseen levels, numbers as text, blanks and junk', () => {
  const file = (name: string) => readCsvAsText(caseFile(15, name));
  let predictor: Predictor;
  let reference: number;
  beforeAll(async () => {
    predictor = await fit(file('train.csv'), { label: 'price' });
    reference = predictor.predict(file('predict_reference.csv')).predictions[0];
  });

  it('predicts the reference row inside the training price range', async () => {
    expect(reference).toBeGreaterThan(128000);
    expect(reference).toBeLessThan(333000);
  });

  it('gives a finite prediction for an unseen city, with a notice', async () => {
    const { predictions, warnings } = predictor.predict(file('predict_unseen_city.csv'));
    expect(Number.isFinite(predictions[0])).toBe(true);
    expect(warnings[0]).toMatchObject({ code: 'UNSEEN_LEVEL', column: 'city', rows: [1] });
  });

  it('reads "3" and " 75 " exactly like the numbers', async () => {
    expect(predictor.predict(file('predict_numbers_as_text.csv')).predictions[0]).toBe(reference);
  });

  it('predicts a blank integer as missing', async () => {
    const { predictions, warnings } = predictor.predict(file('predict_blank_int.csv'));
    expect(Number.isFinite(predictions[0])).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('names the column and row of junk numbers and still predicts every row', async () => {
    const { predictions, warnings } = predictor.predict(file('predict_bad_text.csv'));
    expect(predictions.every(Number.isFinite)).toBe(true);
    expect(warnings.map((w) => w.message)).toEqual([
      "column 'rooms': 1 value could not be read as a number and was treated as missing (row 1: 'three')",
      "column 'size': 1 value could not be read as a number and was treated as missing (row 2: '75m2')",
    ]);
  });

  it('handles the manual-entry rows the same way', async () => {
    const rows = JSON.parse(readFileSync(caseFile(15, 'manual_rows.json'), 'utf8'));
    const { predictions, warnings } = predictor.predict(rowsTable(rows));
    expect(predictions.every(Number.isFinite)).toBe(true);
    expect(predictions[1]).toBe(reference);
    expect(warnings.map((w) => `${w.code} ${w.column} ${w.rows.join(',')}`)).toEqual([
      'UNSEEN_LEVEL city 1',
      'NOT_A_NUMBER rooms 4',
    ]);
  });
});
