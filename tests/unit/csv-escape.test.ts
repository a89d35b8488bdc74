import { csv, csvField } from '../../bundle/core/golive-report';

describe('CSV cells that a spreadsheet could run as a formula', () => {
  test('ASCII = + - @ and their full-width forms get a leading apostrophe', () => {
    expect(['=1+2', '+1', '-A1', '@SUM(A1)', '＝1+2', '＋1', '－A1', '＠SUM(A1)'].map(csvField)).toEqual([
      "'=1+2",
      "'+1",
      "'-A1",
      "'@SUM(A1)",
      "'＝1+2",
      "'＋1",
      "'－A1",
      "'＠SUM(A1)",
    ]);
  });

  test('a leading tab or carriage return too (the carriage return also makes the cell quoted)', () => {
    expect(csvField('\t=cmd')).toBe("'\t=cmd");
    expect(csvField('\rx')).toBe('"\'\rx"');
    expect(csvField('\r\n=1')).toBe('"\'\r\n=1"');
  });

  test('plain numbers, and those characters anywhere but first, stay as they are', () => {
    expect(['-12.5', '-3', '12', 'a=b', 'x@y.test', 'A-1', ' =1'].map(csvField)).toEqual([
      '-12.5',
      '-3',
      '12',
      'a=b',
      'x@y.test',
      'A-1',
      ' =1',
    ]);
    expect(csvField('－12')).toBe("'－12");
  });

  test('a whole file', () => {
    expect(
      csv([
        ['Name', 'Detail'],
        ['＝HYPERLINK("x")', 'a,b'],
      ]),
    ).toBe('Name,Detail\r\n"\'＝HYPERLINK(""x"")","a,b"\r\n');
  });
});
