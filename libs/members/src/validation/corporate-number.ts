/**
 * 法人番号 (corporate number): 13 digits, the first being a check digit over the other 12.
 * check = 9 − (Σ Pn·Qn mod 9), Pn the n-th digit of the 12-digit base counted from the
 * right, Qn = 1 for odd n and 2 for even n (国税庁「法人番号の指定」).
 */
export function corporateCheckDigit(base12: string): number {
  if (!/^\d{12}$/.test(base12)) throw new RangeError('base must be 12 digits');
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const digit = Number(base12[12 - n]);
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

/** Full-width digits and hyphens or spaces accepted; the 13 ASCII digits, or the input unchanged when it is not that shape. */
export function normalizeCorporateNumber(input: string): string {
  const compact = input.normalize('NFKC').replace(/[\s\-‐－]/gu, '');
  return /^\d{13}$/.test(compact) ? compact : input;
}

export type CorporateNumberProblem = 'FORMAT' | 'CHECK_DIGIT';

/** null when valid, else what is wrong. */
export function corporateNumberProblem(value: string): CorporateNumberProblem | null {
  if (!/^\d{13}$/.test(value)) return 'FORMAT';
  return corporateCheckDigit(value.slice(1)) === Number(value[0]) ? null : 'CHECK_DIGIT';
}

export function isValidCorporateNumber(value: string): boolean {
  return corporateNumberProblem(value) === null;
}
