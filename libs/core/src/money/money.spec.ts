import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Money, MoneyError } from './money.js';

describe('Money', () => {
  it('keeps whole minor units and refuses fractions', () => {
    expect(Money.of(3000).amount).toBe(3000n);
    expect(() => Money.of(30.5)).toThrow(MoneyError);
    expect(() => Money.of('12.0')).toThrow(MoneyError);
  });

  it('refuses to add different currencies', () => {
    expect(() => Money.of(1, 'JPY').add(Money.of(1, 'USD'))).toThrow('Currency mismatch');
  });

  it('formats yen for people', () => {
    expect(Money.of(1234567).format('ja')).toMatch(/1,234,567/);
  });

  it('allocates 1000 yen three ways without losing a yen', () => {
    expect(Money.of(1000).allocate([1n, 1n, 1n]).map((m) => m.amount)).toEqual([334n, 333n, 333n]);
  });

  it('allocation parts always add up to the amount and stay within one unit of the exact share', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.array(fc.bigInt({ min: 0n, max: 10_000n }), { minLength: 1, maxLength: 8 }).filter((ws) => ws.some((w) => w > 0n)),
        (amount, weights) => {
          const parts = Money.of(amount).allocate(weights);
          const total = weights.reduce((a, b) => a + b, 0n);
          expect(parts.reduce((s, p) => s + p.amount, 0n)).toBe(amount);
          parts.forEach((p, i) => {
            const exactTimesTotal = amount * weights[i];
            const diff = p.amount * total - exactTimesTotal;
            expect(diff < 0n ? -diff : diff).toBeLessThan(total);
          });
        },
      ),
    );
  });
});
