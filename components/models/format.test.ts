// Unit tests for the Models pages' time formats.
import { formatDuration, formatSeconds, formatTrainingTime } from './format';

describe('formatSeconds', () => {
  test.each([
    [12.34, '12.3 s'],
    [1, '1 s'],
    [0.123, '123 ms'],
    [0.00774, '7.74 ms'],
    [0.0000587, '0.0587 ms'],
    [0.000001, '< 0.01 ms'],
    [0, '0 s'],
    [null, '–'],
  ])('%p seconds read %p', (value, text) => {
    expect(formatSeconds(value)).toBe(text);
  });
});

describe('formatTrainingTime', () => {
  test.each([
    [0.6, '0.6 s'],
    [2.319, '2.3 s'],
    [42.4, '42 s'],
    [59.4, '59 s'],
    [59.6, '00:01:00'],
    [3725, '01:02:05'],
    [null, '–'],
  ])('%p seconds read %p', (value, text) => {
    expect(formatTrainingTime(value)).toBe(text);
  });

  test('the running clock keeps its HH:MM:SS form', () => {
    expect(formatDuration(5)).toBe('00:00:05');
  });
});
