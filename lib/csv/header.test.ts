// Unit tests for header hygiene.
import { cleanHeader } from './header';

describe('cleanHeader', () => {
  test('blank names become column_N by 1-based position and repeats get _2, _3', () => {
    const { names } = cleanHeader(['size', 'size', '', 'size', '  ']);
    expect(names).toEqual(['size', 'size_2', 'column_3', 'size_3', 'column_5']);
  });

  test('a suffix never takes a name used elsewhere in the header', () => {
    expect(cleanHeader(['a', 'a', 'a_2']).names).toEqual(['a', 'a_3', 'a_2']);
    expect(cleanHeader(['column_2', '']).names).toEqual(['column_2', 'column_2_2']);
  });

  test('names are trimmed and otherwise kept, unicode and dots included', () => {
    const { names } = cleanHeader([' area m² ', 'price (€)', 'Größe.total']);
    expect(names).toEqual(['area m²', 'price (€)', 'Größe.total']);
  });

  test('every change is one warning naming the new column and the header line', () => {
    const { warnings } = cleanHeader([' x', 'x', ''], 3);
    expect(warnings).toEqual([
      {
        code: 'HEADER_RENAMED',
        column: 'x',
        line: 3,
        message: "column 1 name ' x' trimmed to 'x'",
      },
      {
        code: 'HEADER_RENAMED',
        column: 'x_2',
        line: 3,
        message: "column 2 repeats the name 'x'; renamed it 'x_2'",
      },
      {
        code: 'HEADER_RENAMED',
        column: 'column_3',
        line: 3,
        message: "column 3 has no name; named it 'column_3'",
      },
    ]);
  });

  test('clean headers give no warnings', () => {
    expect(cleanHeader(['a', 'b']).warnings).toEqual([]);
  });
});
