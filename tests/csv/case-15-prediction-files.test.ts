// Case 15 at the parser level: prediction files read with the training file's kinds.
// Jest cannot load arquero's ES module source here; its bundled CommonJS build is the same library.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import type { CsvColumnKind } from '@/lib/csv';
import { caseFile, readers, values } from './cases';

const file = (name: string) => caseFile('15_predict_unseen_category_text_numbers', name);

describe.each(readers)('case 15 through %s', (_, read) => {
  /** The kinds a model trained on train.csv would pass when reading a prediction file. */
  async function trainingKinds(): Promise<Record<string, CsvColumnKind>> {
    const training = await read(file('train.csv'));
    return Object.fromEntries(training.columns.map((c) => [c.name, c.kind]));
  }

  test('quoted and padded numbers read as the same numbers as the reference file', async () => {
    const kinds = await trainingKinds();
    const asText = await read(file('predict_numbers_as_text.csv'), { kinds });
    const reference = await read(file('predict_reference.csv'), { kinds });

    expect(asText.table.objects()).toEqual(reference.table.objects());
    expect(values(asText, 'rooms')).toEqual([3]);
    expect(values(asText, 'size')).toEqual([75]);
  });

  test('a blank integer cell is missing, not an error', async () => {
    const result = await read(file('predict_blank_int.csv'), { kinds: await trainingKinds() });

    expect(values(result, 'rooms')).toEqual([null]);
    expect(result.columns.find((c) => c.name === 'rooms')).toMatchObject({
      kind: 'numeric',
      missing: 1,
    });
  });

  test('words in numeric columns are missing and reported by column and line', async () => {
    const result = await read(file('predict_bad_text.csv'), { kinds: await trainingKinds() });

    const warned = result.warnings.filter((w) => w.code === 'NOT_A_NUMBER');
    expect(warned.map((w) => [w.column, w.line])).toEqual([
      ['rooms', 2],
      ['size', 3],
    ]);
    expect(values(result, 'rooms')).toEqual([null, 2, 4]);
    expect(values(result, 'size')).toEqual([75, null, 90]);
  });
});
