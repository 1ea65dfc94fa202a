import { csvDocument } from '#core';
import type { RowProblem } from './member-csv-row.js';

/**
 * The rejected rows of a member import as CSV for Excel, through the one CSV writer of #core
 * (BOM, CRLF, quoting, formulas defused): a column name or reason copied from the file
 * (`=HYPERLINK(…)`, `＝…`) is shown as text, never run.
 */
export function rejectedRowsCsv(rejected: readonly RowProblem[], lang: 'ja' | 'en'): string {
  const header = lang === 'ja' ? ['行', '列', '理由'] : ['row', 'column', 'reason'];
  return csvDocument(
    header,
    rejected.map((r) => [r.row, r.column, r.reason[lang]]),
  );
}
