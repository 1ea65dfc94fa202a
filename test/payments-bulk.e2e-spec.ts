import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { SYSTEM_ACTOR } from '#auth';
import { Money } from '#core';
import { PaymentMethod, PaymentRecording, type RecordPaymentCommand } from '#payments';
import { countQueries } from '../libs/testing/src/query-counter.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, controlAccounts, ledgerBalances } from './support/check-then-close.js';
import { AccountCode, NOW, PaymentsWorld, RECORD, TODAY } from './support/payments-world.js';

jest.setTimeout(120_000);

describe('PaymentRecording.recordMany: the bulk path for many payments at once', () => {
  let t: TestApp;
  let w: PaymentsWorld;

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
    w = await PaymentsWorld.create(t);
  });
  afterAll(() => checkThenClose(t, ledgerBalances, controlAccounts));

  const transfer = (memberId: string, invoiceId: string, key: string, amount = 12000): RecordPaymentCommand => ({
    memberId,
    method: PaymentMethod.BANK_STATEMENT,
    amount: Money.of(BigInt(amount), 'JPY'),
    receivedOn: TODAY,
    reference: key,
    allocations: [{ invoiceId }],
    idempotencyKey: `statement-line:${key}`,
  });

  it('records payments of two branches in one call, as one payment each would, with fewer statements per payment', async () => {
    const a = await w.branch();
    const b = await w.branch();
    const members = [await w.memberWithInvoice(a.id), await w.memberWithInvoice(a.id), await w.memberWithInvoice(b.id), await w.memberWithInvoice(b.id)];
    const federationBookId = await w.federationBookId();
    const fedBefore = await w.balance(federationBookId, AccountCode.DuesIncome);

    const counter = countQueries(t.db);
    const recorded = await t.app.get(PaymentRecording).recordMany(
      SYSTEM_ACTOR,
      members.map((m, i) => transfer(m.memberId, m.invoiceId, `BULK-${i}`)),
    );
    counter.stop();
    expect(recorded.map((r) => [r.replayed, r.payment.status, r.payment.branchId])).toEqual([
      [false, 'RECORDED', a.id],
      [false, 'RECORDED', a.id],
      [false, 'RECORDED', b.id],
      [false, 'RECORDED', b.id],
    ]);
    for (const m of members) {
      expect(await w.invoice(m.invoiceId)).toEqual({ status: 'PAID', paid: 12000, outstanding: 0 });
      expect(await w.membershipStatus(m.membershipId)).toBe('ACTIVE');
    }
    for (const branch of [a, b]) {
      expect(await w.balance(branch.bookId, AccountCode.Bank)).toBe(24000n);
      expect(await w.balance(branch.bookId, AccountCode.DuesIncome)).toBe(-16800n);
      expect(await w.balance(federationBookId, AccountCode.DueFromOtherBooks, branch.bookId)).toBe(7200n);
    }
    expect(await w.balance(federationBookId, AccountCode.DuesIncome)).toBe(fedBefore - 14400n);
    expect(recorded.every((r) => r.payment.journalEntryId && r.payment.postedOn === TODAY)).toBe(true);
    expect(await w.counts()).toMatchObject({ payments: 4, allocations: 4, audits: 4 });

    // The same one payment through GraphQL, for comparison (statements per payment, both paths).
    const single = await w.memberWithInvoice(a.id);
    const one = countQueries(t.db);
    const res = await t.gql(RECORD, { input: { memberId: single.memberId, method: 'CASH', amount: { amount: 12000, currency: 'JPY' }, receivedOn: TODAY, allocations: [{ invoiceId: single.invoiceId }] } }, { token: a.treasurer });
    one.stop();
    expect(res.errors).toBeUndefined();
    const perBulkPayment = counter.work.length / members.length;
    process.stdout.write(`statements per payment: bulk ${perBulkPayment} (${counter.work.length} for ${members.length}), one through GraphQL ${one.work.length}\n`);
    expect(perBulkPayment).toBeLessThan(one.work.length);
  });

  it('an exact retry of the call returns the same payments, replayed, and writes nothing', async () => {
    const branch = await w.branch();
    const m = await w.memberWithInvoice(branch.id);
    const commands = [transfer(m.memberId, m.invoiceId, 'RETRY-1')];
    const first = await t.app.get(PaymentRecording).recordMany(SYSTEM_ACTOR, commands);
    const before = await w.counts();
    const again = await t.app.get(PaymentRecording).recordMany(SYSTEM_ACTOR, commands);
    expect(again.map((r) => [r.replayed, r.payment.id])).toEqual([[true, first[0].payment.id]]);
    expect(await w.counts()).toEqual(before);
  });

  it('all or nothing: one refused item refuses the call, names the item, and nothing is written', async () => {
    const branch = await w.branch();
    const good = await w.memberWithInvoice(branch.id);
    const other = await w.memberWithInvoice(branch.id);
    const before = await w.counts();
    const call = t.app.get(PaymentRecording).recordMany(SYSTEM_ACTOR, [
      transfer(good.memberId, good.invoiceId, 'ALL-0'),
      transfer(good.memberId, other.invoiceId, 'ALL-1'), // another member's invoice
    ]);
    await expect(call).rejects.toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'items.1.allocations.0.invoiceId' }] });
    expect(await w.counts()).toEqual(before);
    expect(await w.invoice(good.invoiceId)).toEqual({ status: 'OPEN', paid: 0, outstanding: 12000 });

    const over = t.app.get(PaymentRecording).recordMany(SYSTEM_ACTOR, [transfer(good.memberId, good.invoiceId, 'ALL-2', 12001)]);
    await expect(over).rejects.toMatchObject({ fields: [{ field: expect.stringMatching(/^items\.0/) }] });
    expect(await w.counts()).toEqual(before);
  });
});
