/**
 * CSV that opens in Excel, Japanese or English: UTF-8 with a byte-order mark, CRLF line ends,
 * RFC 4180 quoting. Amounts are plain integers so a spreadsheet can sum them. Text a spreadsheet
 * would run as a formula gets a leading apostrophe (CSV injection): one starting with = + - @, a tab
 * or a carriage return, or with the full-width ＝ ＋ － ＠ that Japanese Excel also reads as a formula.
 * Headers name each column in Japanese and English ("会員数 / Members").
 */
export const UTF8_BOM = '\uFEFF';

export type CsvCell = string | number | bigint | boolean | null | undefined;

/** A column of a typed report: bilingual header and how to read the cell off a row. */
export interface CsvColumn<T> {
  ja: string;
  en: string;
  value: (row: T) => CsvCell;
}

/** First characters that make Excel (Japanese Excel included) read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/u;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  const safe = typeof value === 'string' && FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A bilingual header cell: `日付 / Date`. */
export function bilingual(ja: string, en: string): string {
  return `${ja} / ${en}`;
}

/** One line of cells including its CRLF; usable for streaming (write the BOM and header first). */
export function csvLine(cells: readonly CsvCell[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

/** A whole document from a header and rows of cells. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  let out = UTF8_BOM + csvLine(header);
  for (const row of rows) out += csvLine(row);
  return out;
}

export function csvHeader<T>(columns: readonly CsvColumn<T>[]): string {
  return csvLine(columns.map((c) => bilingual(c.ja, c.en)));
}

export function csvRow<T>(columns: readonly CsvColumn<T>[], row: T): string {
  return csvLine(columns.map((c) => c.value(row)));
}

/** A whole document from typed columns and rows. */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>): string {
  let out = UTF8_BOM + csvHeader(columns);
  for (const row of rows) out += csvRow(columns, row);
  return out;
}
