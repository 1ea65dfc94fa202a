import { describe, expect, it } from '@jest/globals';
import { PaymentMethod } from './payment-method.js';
import { paymentCsvLine, paymentsCsvHeader } from './payments-csv.js';

describe('payments CSV', () => {
  it('has a BOM and bilingual headers', () => {
    expect(paymentsCsvHeader()).toMatch(/^\uFEFF入金ID \/ Payment ID,受領日 \/ Received on,/);
    expect(paymentsCsvHeader().endsWith('状態 / Status,摘要 / Memo\r\n')).toBe(true);
  });

  it('writes amounts as integers and splits allocated from credit', () => {
    const line = paymentCsvLine({
      id: 'p1', receivedOn: '2026-04-03', postedOn: '2026-05-01', branchId: 'b1', memberId: 'm1', method: PaymentMethod.BANK_TRANSFER,
      reference: 'ﾔﾏﾀﾞ ﾀﾛｳ', amount: 5000n, fee: 110n, currency: 'JPY', allocated: 3000n, status: 'RECORDED', memo: '4月分, 5月分',
    });
    expect(line).toBe('p1,2026-04-03,2026-05-01,b1,m1,銀行振込 / Bank transfer,ﾔﾏﾀﾞ ﾀﾛｳ,5000,110,JPY,3000,2000,記録済 / Recorded,"4月分, 5月分"\r\n');
  });
});
