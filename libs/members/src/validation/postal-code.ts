/**
 * 郵便番号: stored as 7 ASCII digits. Accepts 123-4567, 1234567, full-width digits,
 * a leading 〒 and the usual dash look-alikes. Returns null when it is not a postal code.
 */
export function normalizePostalCode(input: string): string | null {
  const compact = input
    .normalize('NFKC')
    .trim()
    .replace(/^〒\s*/u, '')
    .replace(/[\-‐‑‒–—―−ー]/gu, '');
  return /^\d{7}$/.test(compact) ? compact : null;
}

/** 1234567 → 123-4567, for display and CSV export. */
export function formatPostalCode(code: string): string {
  return /^\d{7}$/.test(code) ? `${code.slice(0, 3)}-${code.slice(3)}` : code;
}
