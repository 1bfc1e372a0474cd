/**
 * CSV that opens cleanly in a spreadsheet: UTF-8 with a byte-order mark, every field quoted, CRLF
 * line ends, and cells that a spreadsheet would run as a formula (= + - @, tab, carriage return)
 * prefixed with an apostrophe (OWASP "CSV injection").
 */
export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const lines = [columns.map(cell).join(','), ...rows.map((row) => columns.map((c) => cell(row[c])).join(','))];
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

function cell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}
