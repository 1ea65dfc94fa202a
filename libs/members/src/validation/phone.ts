/**
 * Japanese telephone numbers: 10 digits (fixed lines, 0A-BCDE-FGHJ) or 11 digits
 * (mobile 070/080/090, 050 IP, 0120/0800 toll-free), starting with 0. +81 is read as 0.
 * Stored as typed, normalized: ASCII digits and single hyphens, no spaces or brackets.
 */
export function normalizePhone(input: string): string | null {
  let s = input
    .normalize('NFKC')
    .trim()
    .replace(/[‐‑‒–—―−ー]/gu, '-')
    .replace(/[()\s]+/gu, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  if (s.startsWith('+81')) s = `0${s.slice(3).replace(/^-/, '')}`;
  if (!/^[0-9-]+$/.test(s)) return null;
  const digits = s.replace(/-/g, '');
  if (!digits.startsWith('0') || digits.startsWith('00')) return null;
  if (digits.length !== 10 && digits.length !== 11) return null;
  return s;
}
