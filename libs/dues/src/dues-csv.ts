/**
 * CSV for treasurers: UTF-8 with a byte-order mark so Excel opens Japanese text
 * correctly, CRLF line ends, RFC 4180 quoting. Headers name each column in
 * Japanese and English ("会員数 / Members").
 */
export const UTF8_BOM = '\uFEFF';

export type CsvCell = string | number | bigint | boolean | null | undefined;

export interface CsvColumn<T> {
  ja: string;
  en: string;
  value: (row: T) => CsvCell;
}

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // A leading =, +, - or @ would be read by Excel as a formula: quote it behind an apostrophe (CSV injection).
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvHeader<T>(columns: readonly CsvColumn<T>[]): string {
  return columns.map((c) => csvCell(`${c.ja} / ${c.en}`)).join(',') + '\r\n';
}

export function csvLine<T>(columns: readonly CsvColumn<T>[], row: T): string {
  return columns.map((c) => csvCell(c.value(row))).join(',') + '\r\n';
}

/** A whole CSV document: BOM, header, rows. */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>): string {
  let out = UTF8_BOM + csvHeader(columns);
  for (const row of rows) out += csvLine(columns, row);
  return out;
}
