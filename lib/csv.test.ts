import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('starts with a BOM, quotes every field, doubles quotes and ends lines with CRLF', () => {
    const csv = toCsv(['a', 'b'], [{ a: 'He said "yes", then left', b: 'line\nbreak' }]);
    expect(csv.startsWith('\uFEFF"a","b"\r\n')).toBe(true);
    expect(csv).toContain('"He said ""yes"", then left","line\nbreak"\r\n');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    const csv = toCsv(
      ['x'],
      [{ x: '=HYPERLINK("http://evil","x")' }, { x: '+1' }, { x: '-2+3' }, { x: '@SUM(A1)' }, { x: '\t=1' }, { x: 'Fine = fine' }],
    );
    const cells = csv.trim().split('\r\n').slice(1);
    expect(cells).toEqual(['"\'=HYPERLINK(""http://evil"",""x"")"', '"\'+1"', '"\'-2+3"', '"\'@SUM(A1)"', '"\'\t=1"', '"Fine = fine"']);
  });

  it('writes empty cells for null and undefined and keeps Cyrillic as UTF-8', () => {
    expect(toCsv(['a', 'b', 'c'], [{ a: null, b: undefined, c: 'Вода' }])).toContain('"","","Вода"');
  });
});
