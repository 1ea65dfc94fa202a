import { describe, expect, it } from '@jest/globals';
import { approvalPosting, paymentPosting, releasePosting, returnPosting } from './grant-postings.js';

const base = { bookId: 'b', programCode: 'CARE-2026', currency: 'JPY', entryDate: '2026-06-15', amount: 120000n };

describe('grant postings', () => {
  it('books an approval as expense against grants payable, per program', () => {
    const p = approvalPosting({ ...base, applicationId: 'a1', applicationCode: 'CARE-2026-1' });
    expect(p.idempotencyKey).toBe('grant-approval:a1');
    expect(p.lines).toEqual([
      { accountCode: '5100', side: 'DEBIT', amount: 120000n, fundCode: 'GRANT:CARE-2026' },
      { accountCode: '2300', side: 'CREDIT', amount: 120000n, fundCode: 'GRANT:CARE-2026' },
    ]);
  });

  it('releases, pays and takes back returned transfers with their own keys', () => {
    expect(releasePosting({ ...base, applicationId: 'a1', applicationCode: 'x', awardAfter: 0n }).lines.map((l) => [l.accountCode, l.side])).toEqual([['2300', 'DEBIT'], ['5100', 'CREDIT']]);
    const paid = paymentPosting({ ...base, disbursementId: 'd1', applicationCode: 'x' });
    expect(paid.idempotencyKey).toBe('grant-payment:d1');
    expect(paid.lines.map((l) => [l.accountCode, l.side])).toEqual([['2300', 'DEBIT'], ['1200', 'CREDIT']]);
    expect(returnPosting({ ...base, disbursementId: 'd1', applicationCode: 'x' }).lines.map((l) => [l.accountCode, l.side])).toEqual([['1200', 'DEBIT'], ['2300', 'CREDIT']]);
  });
});
