// Pasting rows from a spreadsheet into the manual table: with and without a header, extra
// columns, commas, blank lines.
import { parsePastedRows } from './paste';

const features = ['city', 'rooms', 'size'];

describe('parsePastedRows', () => {
  it('maps tab-separated cells to the features in order when there is no header', () => {
    const pasted = parsePastedRows('North\t3\t75\nSouth\t2\t60\n', features);

    expect(pasted.hasHeader).toBe(false);
    expect(pasted.rows).toEqual([
      { city: 'North', rooms: '3', size: '75' },
      { city: 'South', rooms: '2', size: '60' },
    ]);
  });

  it('maps columns by a header in any order, ignoring columns the model does not use', () => {
    const text = 'size\tprice\tcity\trooms\r\n75\t196500\tNorth\t3\r\n\r\n90\t\tEast\t4\r\n';
    const pasted = parsePastedRows(text, features);

    expect(pasted.hasHeader).toBe(true);
    expect(pasted.ignored).toEqual(['price']);
    expect(pasted.rows).toEqual([
      { size: '75', city: 'North', rooms: '3' },
      { size: '90', city: 'East', rooms: '4' },
    ]);
  });

  it('leaves missing trailing cells empty and trims spaces', () => {
    expect(parsePastedRows(' North \t 3', features).rows).toEqual([
      { city: 'North', rooms: '3', size: '' },
    ]);
  });

  it('splits on commas when the text has no tab', () => {
    expect(parsePastedRows('city,rooms,size\nNorth,3,75', features).rows).toEqual([
      { city: 'North', rooms: '3', size: '75' },
    ]);
  });

  it('reads nothing from blank text', () => {
    expect(parsePastedRows(' \n\n', features)).toEqual({ rows: [], hasHeader: false, ignored: [] });
  });
});
