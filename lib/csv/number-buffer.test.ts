// Unit tests for the first pass's growing number column.
import { NumberBuffer } from './number-buffer';

const filled = (count: number, value = (i: number) => i) => {
  const buffer = new NumberBuffer();
  for (let i = 0; i < count; i++) buffer.push(value(i));
  return buffer;
};

describe('NumberBuffer', () => {
  test('keeps every value across growth, in order', () => {
    const column = filled(5000).toColumn(0) as Float64Array;
    expect(column).toHaveLength(5000);
    expect(column[0]).toBe(0);
    expect(column[4999]).toBe(4999);
  });

  test('a nearly full buffer is returned as a view, a mostly empty one as an exact copy', () => {
    const tight = filled(1000).toColumn(0) as Float64Array;
    const loose = filled(1025).toColumn(0) as Float64Array;
    expect(tight.buffer.byteLength).toBe(1024 * 8);
    expect(loose.buffer.byteLength).toBe(1025 * 8);
  });

  test('with missing values, NaN becomes null in a plain array', () => {
    const column = filled(4, (i) => (i % 2 ? NaN : i)).toColumn(2);
    expect(column).toEqual([0, null, 2, null]);
  });
});
