/** ISO 4217 currencies the platform books in, with their minor-unit exponent. */
export const CURRENCIES = { JPY: 0, USD: 2, EUR: 2 } as const;
export type CurrencyCode = keyof typeof CURRENCIES;

export function isCurrencyCode(value: unknown): value is CurrencyCode {
  return typeof value === 'string' && Object.hasOwn(CURRENCIES, value);
}
