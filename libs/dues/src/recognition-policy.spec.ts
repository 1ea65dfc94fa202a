import { describe, expect, it } from '@jest/globals';
import { effectivePolicy, federationPartOfReceipt, RecognitionPolicy } from './recognition-policy.js';

describe('recognition policy', () => {
  it('is ON_RECEIPT unless the federation or the book says otherwise; the book wins', () => {
    expect(effectivePolicy(null, null)).toBe(RecognitionPolicy.ON_RECEIPT);
    expect(effectivePolicy(RecognitionPolicy.ACCRUAL, null)).toBe(RecognitionPolicy.ACCRUAL);
    expect(effectivePolicy(RecognitionPolicy.ACCRUAL, RecognitionPolicy.ON_RECEIPT)).toBe(RecognitionPolicy.ON_RECEIPT);
  });

  it("splits receipts so that an invoice paid in parts gives the federation exactly its share", () => {
    const invoice = { amount: 12001n, federationShare: 3600n };
    const parts = [1n, 4999n, 3333n, 3668n];
    let paid = 0n;
    let federation = 0n;
    for (const p of parts) {
      const part = federationPartOfReceipt(invoice, paid, p);
      expect(part).toBeGreaterThanOrEqual(0n);
      expect(part).toBeLessThanOrEqual(p);
      federation += part;
      paid += p;
    }
    expect(paid).toBe(invoice.amount);
    expect(federation).toBe(3600n);
    expect(federationPartOfReceipt(invoice, 0n, invoice.amount)).toBe(3600n);
  });
});
