import { describe, expect, it } from '@jest/globals';
import { fromPaymentCompany, summarizePayout } from './payout-summary.js';

describe('a Stripe payout against its balance transactions', () => {
  const charge = (amount: bigint, fee: bigint) => ({ type: 'charge', amount, fee, net: amount - fee, paymentId: 'p' });
  it('equals its payments minus fees and refunds', () => {
    const s = summarizePayout(23136n - 3000n, [charge(12000n, 432n), charge(12000n, 432n), { type: 'refund', amount: -3000n, fee: 0n, net: -3000n, paymentId: 'p' }]);
    expect(s).toEqual({ payments: 24000n, fees: 864n, refunds: 3000n, adjustments: 0n, expected: 20136n, discrepancy: 0n, agrees: true });
  });
  it('is flagged when it does not (a dispute withdrawal, or a payout of another amount)', () => {
    const s = summarizePayout(11568n - 12000n + 11568n, [charge(12000n, 432n), charge(12000n, 432n), { type: 'adjustment', amount: -12000n, fee: 0n, net: -12000n, paymentId: null }]);
    expect(s).toMatchObject({ adjustments: -12000n, expected: 23136n, discrepancy: -12000n, agrees: false });
    expect(summarizePayout(11000n, [charge(12000n, 432n)])).toMatchObject({ agrees: false, discrepancy: -568n });
  });
  it('knows the payment company under its bank names, legal form before or after', () => {
    for (const payer of ['ｽﾄﾗｲﾌﾟｼﾞﾔﾊﾟﾝ(ｶ', 'ｶ)ｽﾄﾗｲﾌﾟｼﾞﾔﾊﾟﾝ', 'ｽﾄﾗｲﾌﾟ ｼﾞﾔﾊﾟﾝ ｶﾌﾞｼｷｶﾞｲｼﾔ', 'STRIPE JAPAN']) expect(fromPaymentCompany(payer)).toBe(true);
    for (const payer of ['ｽｽﾞｷ ﾀﾛｳ', '', 'ｶ)ﾄﾗｲ']) expect(fromPaymentCompany(payer)).toBe(false);
  });
});
