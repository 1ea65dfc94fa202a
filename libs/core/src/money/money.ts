import { type CurrencyCode, isCurrencyCode } from './currency.js';

export class MoneyError extends Error {
  override name = 'MoneyError';
}

/**
 * An amount of money: an integer count of the currency's minor unit (JPY has none:
 * 3000n is ¥3,000) and an ISO currency code. Immutable; never a float.
 */
export class Money {
  private constructor(
    readonly amount: bigint,
    readonly currency: CurrencyCode,
  ) {}

  static of(amount: bigint | number | string, currency: CurrencyCode | string = 'JPY'): Money {
    if (!isCurrencyCode(currency)) throw new MoneyError(`Unknown currency ${currency}`);
    if (typeof amount === 'number' && !Number.isSafeInteger(amount)) {
      throw new MoneyError(`Amount ${amount} is not a whole number of minor units`);
    }
    if (typeof amount === 'string' && !/^-?\d+$/.test(amount)) {
      throw new MoneyError(`Amount ${amount} is not a whole number of minor units`);
    }
    return new Money(BigInt(amount), currency);
  }

  static zero(currency: CurrencyCode | string = 'JPY'): Money {
    return Money.of(0n, currency);
  }

  static sum(items: readonly Money[], currency: CurrencyCode | string = 'JPY'): Money {
    return items.reduce((total, m) => total.add(m), Money.zero(items[0]?.currency ?? currency));
  }

  add(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(this.amount + other.amount, this.currency);
  }

  subtract(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(this.amount - other.amount, this.currency);
  }

  negate(): Money {
    return new Money(-this.amount, this.currency);
  }

  min(other: Money): Money {
    return this.compare(other) <= 0 ? this : other;
  }

  compare(other: Money): -1 | 0 | 1 {
    this.assertSameCurrency(other);
    return this.amount < other.amount ? -1 : this.amount > other.amount ? 1 : 0;
  }

  equals(other: Money): boolean {
    return this.currency === other.currency && this.amount === other.amount;
  }

  isZero(): boolean {
    return this.amount === 0n;
  }

  isPositive(): boolean {
    return this.amount > 0n;
  }

  isNegative(): boolean {
    return this.amount < 0n;
  }

  /**
   * Splits the amount in proportion to whole-number weights. Largest-remainder
   * rounding: the parts always add up to the amount exactly, and ties go to the
   * earlier weight.
   */
  allocate(weights: readonly bigint[]): Money[] {
    if (weights.length === 0) throw new MoneyError('Nothing to allocate to');
    if (weights.some((w) => w < 0n)) throw new MoneyError('Weights must not be negative');
    const total = weights.reduce((a, b) => a + b, 0n);
    if (total === 0n) throw new MoneyError('Weights must not all be zero');
    const sign = this.amount < 0n ? -1n : 1n;
    const abs = this.amount * sign;
    const parts = weights.map((w) => (abs * w) / total);
    let remainder = abs - parts.reduce((a, b) => a + b, 0n);
    const order = weights
      .map((w, i) => ({ i, rem: (abs * w) % total }))
      .sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
    for (const { i } of order) {
      if (remainder === 0n) break;
      parts[i] += 1n;
      remainder -= 1n;
    }
    return parts.map((p) => new Money(p * sign, this.currency));
  }

  toJSON(): { amount: string; currency: CurrencyCode } {
    return { amount: this.amount.toString(), currency: this.currency };
  }

  /** ¥3,000 style, for CSV and e-mails. */
  format(locale: 'ja' | 'en' = 'ja'): string {
    const key = `${locale}:${this.currency}`;
    let formatter = FORMATTERS.get(key);
    if (!formatter) {
      // Made once per locale and currency: constructing an Intl.NumberFormat costs far more than formatting.
      formatter = new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-US', { style: 'currency', currency: this.currency });
      FORMATTERS.set(key, formatter);
    }
    return formatter.format(Number(this.amount) / 10 ** minorExponent(this.currency));
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency) {
      throw new MoneyError(`Currency mismatch: ${this.currency} and ${other.currency}`);
    }
  }
}

function minorExponent(currency: CurrencyCode): number {
  return currency === 'JPY' ? 0 : 2;
}

const FORMATTERS = new Map<string, Intl.NumberFormat>();
