/**
 * CSV that opens in Excel (Japanese or English): UTF-8 with a byte-order mark, CRLF line ends,
 * RFC 4180 quoting. Amounts are written as plain integers so a spreadsheet can sum them.
 * Text that a spreadsheet would run as a formula (= + - @ at the start) is prefixed with '.
 */
export const UTF8_BOM = '\uFEFF';

export type CsvCell = string | number | bigint | null | undefined;

export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  return UTF8_BOM + csvLine(header) + [...rows].map(csvLine).join('');
}

/** One line including its CRLF; usable for streaming (write the BOM and header first). */
export function csvLine(cells: readonly CsvCell[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'bigint' || typeof value === 'number') return String(value);
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A bilingual header cell: `日付 / Date`. */
export function bilingual(ja: string, en: string): string {
  return `${ja} / ${en}`;
}
