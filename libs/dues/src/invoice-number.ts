/**
 * Dues invoice numbers: gap-free per branch and fiscal year (the counter row
 * dues_invoice_counters is locked by the issuing transaction), shown as
 * `<branch code>-<fiscal year>-<sequence, 6 digits>`, e.g. `TKY-2027-000042`.
 */
export function invoiceNumber(branchCode: string, fiscalYear: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`Invoice sequence must be a positive integer, got ${sequence}`);
  return `${branchCode}-${fiscalYear}-${String(sequence).padStart(6, '0')}`;
}

/** The same number in SQL, over a text branch code, an int fiscal year and an int sequence. */
export function invoiceNumberSql(branchCode: string, fiscalYear: string, sequence: string): string {
  return `${branchCode} || '-' || ${fiscalYear}::text || '-' || lpad(${sequence}::text, 6, '0')`;
}
