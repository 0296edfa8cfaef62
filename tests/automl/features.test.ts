import { AutoMLError } from '@/lib/automl/errors';
import { fitPipeline } from '@/lib/automl/features';
import { columnTable } from '@/lib/automl/table';

const allRows = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);

function fitOn(columns: Record<string, unknown[]>, kinds?: Record<string, never>) {
  const table = columnTable({
    ...columns,
    y: columns[Object.keys(columns)[0]].map((_, i) => i % 7),
  });
  return fitPipeline(table, allRows(table.numRows()), { label: 'y', kinds });
}

const repeat = <T>(values: T[], n: number): T[] =>
  Array.from({ length: n }, (_, i) => values[i % values.length]);

describe('column kind inference', () => {
  it('reads numbers, numeric strings, yes/no, ISO dates, levels and free text', () => {
    const n = 40;
    const { profiles } = fitOn({
      num: repeat([1.5, 2, null, 4.25], n),
      numText: repeat([' 3 ', '4', '5.5e1', ''], n),
      flag: repeat(['yes', 'no', 'Yes'], n),
      when: repeat(['2020-01-05', '2021-06-30T12:30:00Z', '2019-12-31 08:00'], n),
      city: repeat(['North', 'South', 'East'], n),
      note: Array.from({ length: n }, (_, i) => `a fairly long remark number ${i}`),
    });
    expect(Object.fromEntries(profiles.map((p) => [p.name, p.kind]))).toEqual({
      num: 'numeric',
      numText: 'numeric',
      flag: 'boolean',
      when: 'datetime',
      city: 'categorical',
      note: 'text',
    });
  });

  it('lets caller-given kinds override inference', () => {
    const { profiles } = fitPipeline(
      columnTable({ zip: repeat([10115, 20095, 80331], 30), y: repeat([1, 2, 3], 30) }),
      allRows(30),
      { label: 'y', kinds: { zip: 'categorical' } },
    );
    expect(profiles[0]).toMatchObject({ name: 'zip', kind: 'categorical', kindGiven: true });
  });

  it('drops constant, empty and identifier columns with reasons, keeps a value-or-blank flag', () => {
    const n = 30;
    const { dropped, profiles } = fitOn({
      size: Array.from({ length: n }, (_, i) => 40 + 3 * i),
      constant: repeat([5], n),
      empty: repeat([null], n),
      rowId: Array.from({ length: n }, (_, i) => n - i),
      shuffledRun: repeat([3, 1, 2], n).map((v, i) => 3 * Math.floor(i / 3) + v),
      code: Array.from({ length: n }, (_, i) => `C${1000 + i}`),
      flag: repeat([1, null], n),
      measurement: Array.from({ length: n }, (_, i) => 0.1 + i * 1.37),
      customerId: Array.from({ length: n }, (_, i) => 7 * i + 3),
      paid: Array.from({ length: n }, (_, i) => 7 * i + 3),
    });
    expect(dropped.map((d) => [d.name, d.reason])).toEqual([
      ['constant', 'constant'],
      ['empty', 'all_missing'],
      ['rowId', 'identifier'],
      ['code', 'identifier'],
      ['customerId', 'identifier'],
    ]);
    const kept = profiles.filter((p) => !p.dropped).map((p) => p.name);
    expect(kept).toEqual(['size', 'shuffledRun', 'flag', 'measurement', 'paid']);
  });

  it('names every dropped column when none is usable', () => {
    const table = columnTable({
      const: repeat([5], 20),
      empty: repeat([null], 20),
      y: repeat([1, 2], 20),
    });
    expect(() => fitPipeline(table, allRows(20), { label: 'y' })).toThrow(
      'no usable feature columns: const is constant, empty is entirely missing',
    );
  });
});

describe('the fitted transform', () => {
  const n = 30;
  const train = columnTable({
    size: Array.from({ length: n }, (_, i) => 50 + 2 * i),
    city: repeat(['North', 'South', 'East', 'North', 'Rare'], n).map((c, i) =>
      i === 4 ? c : c === 'Rare' ? 'North' : c,
    ),
    when: repeat(['2020-01-05T10:00:00Z', '2021-06-30T12:30:00Z'], n),
    name: Array.from({ length: n }, (_, i) => `${i % 2 ? 'ford' : 'chevrolet'} model ${i}`),
    y: repeat([1, 2, 3], n),
  });
  const { pipeline } = fitPipeline(train, allRows(n), { label: 'y' });

  it('derives date parts and text measures, and codes levels by frequency with 0 for rare', () => {
    expect(pipeline.features.map((f) => f.name)).toEqual([
      'size',
      'city',
      'when.year',
      'when.month',
      'when.day',
      'when.dayofweek',
      'when.hour',
      'when.timestamp',
      'name.length',
      'name.words',
      'name.first_word',
    ]);
    const { X } = pipeline.transform(
      columnTable({
        size: [1],
        city: ['Rare'],
        when: ['2021-06-30T12:30:00Z'],
        name: ['ford mustang'],
      }),
    );
    const row = X.columns.map((column) => column[0]);
    // 'Rare' was seen once (below the 3 needed for a level of its own); 'ford' and 'chevrolet'
    // tie at 15 each, so the name breaks the tie: chevrolet 1, ford 2.
    expect(row).toEqual([1, 0, 2021, 6, 30, 3, 12, Date.UTC(2021, 5, 30, 12, 30) / 1000, 12, 2, 2]);
  });

  it('accepts other column orders and extra columns, and names every missing column', () => {
    const reordered = columnTable({
      extra: [1],
      name: ['x'],
      when: [null],
      city: ['East'],
      size: [3],
    });
    expect(pipeline.transform(reordered).X.columns[0][0]).toBe(3);
    const missing = columnTable({ size: [1], name: ['x'] });
    expect(() => pipeline.transform(missing)).toThrow(AutoMLError);
    expect(() => pipeline.transform(missing)).toThrow('missing feature columns: city, when');
  });

  it('turns unreadable and infinite numbers into missing values with warnings naming rows', () => {
    const table = columnTable({
      size: [' 75 ', 'three', '75m2', Infinity, null],
      city: ['Atlantis', 'North', 'North', 'North', 'North'],
      when: [null, null, null, null, null],
      name: [null, null, null, null, null],
    });
    const { X, warnings } = pipeline.transform(table);
    expect(Array.from(X.columns[0])).toEqual([75, NaN, NaN, NaN, NaN]);
    expect(X.columns[1][0]).toBe(0);
    const messages = warnings.map((w) => w.message);
    expect(messages).toContain(
      "column 'size': 2 values could not be read as a number and were treated as missing (row 2: 'three', row 3: '75m2')",
    );
    expect(warnings.find((w) => w.code === 'INFINITE_VALUE')).toMatchObject({
      column: 'size',
      rows: [4],
    });
    expect(warnings.find((w) => w.code === 'UNSEEN_LEVEL')).toMatchObject({
      column: 'city',
      rows: [1],
    });
  });
});
