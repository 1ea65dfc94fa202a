import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gql } from './support/gql.js';
import type { CreateManualJournalEntryInput } from './support/schema-types.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { DUES } from './support/dues-world.js';
import { AccountCode, NOW, PaymentsWorld, RECORD, TODAY, VOID } from './support/payments-world.js';

const REVERSE = gql(`mutation LedgerBusinessEntriesReverse($id: ID!, $memo: String!) { reverseJournalEntry(id: $id, memo: $memo) { id bookId source memo entryDate lines { accountCode side amount { amount } counterpartyBookId } } }`);
const CREATE = gql(`mutation LedgerBusinessEntriesCreateManual($input: CreateManualJournalEntryInput!) { createManualJournalEntry(input: $input) { id bookId source memo entryDate lines { accountCode side amount { amount } counterpartyBookId } } }`);
const SETTLE = gql(`mutation LedgerBusinessEntriesSettle($input: RecordSettlementInput!) { recordSettlement(input: $input) { id amount { amount } } }`);

/**
 * What a treasurer could do by hand to the ledger's business entries and inter-book accounts,
 * and no longer can: the business records (payment, invoice, settlement) stay the only way their
 * entries move, so their own voids keep working and the books keep mirroring each other.
 */
describe('business entries and inter-book accounts are not moved by hand', () => {
  let t: TestApp;
  let w: PaymentsWorld;
  let branch: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let federationBookId: string;

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
    w = await PaymentsWorld.create(t);
    // Invoice entries exist on ACCRUAL only (ON_RECEIPT invoices post nothing): set as an admin would.
    await w.recognition('ACCRUAL');
    branch = await w.branch();
    federationBookId = await w.federationBookId();
  });
  afterAll(() => checkThenClose(t, ledgerBalances));

  const entries = async () => Number((await t.db.query(`SELECT count(*) FROM journal_entries`))[0].count);
  const entryOf = async (source: string, sourceId: string, bookId = branch.bookId): Promise<string> =>
    (await t.db.query(`SELECT id FROM journal_entries WHERE source = $1 AND source_id = $2 AND book_id = $3 AND reverses_entry_id IS NULL`, [source, sourceId, bookId]))[0].id;
  const expectNotManual = async (entryId: string, token: string) => {
    const before = await entries();
    const res = await t.gql(REVERSE, { id: entryId, memo: '手で取消' }, { token });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ENTRY_NOT_MANUAL', fields: [{ field: 'id' }] });
    expect(res.errors?.[0].message).toMatch(/void/);
    expect(await entries()).toBe(before);
  };
  const manual = (over: Partial<CreateManualJournalEntryInput> = {}): CreateManualJournalEntryInput => ({
    bookId: branch.bookId,
    entryDate: TODAY,
    memo: '振替 / transfer',
    lines: [
      { accountCode: AccountCode.Bank, side: 'DEBIT', amount: 2000 },
      { accountCode: AccountCode.Cash, side: 'CREDIT', amount: 2000 },
    ],
    ...over,
  });

  describe('reversing by hand', () => {
    it('a treasurer (or an admin) reversing a PAYMENT entry is refused; voidPayment still works after', async () => {
      const m = await w.memberWithInvoice(branch.id);
      const paid = await t.gql(RECORD, { input: { memberId: m.memberId, method: 'CASH', amount: { amount: 12000, currency: 'JPY' }, receivedOn: TODAY, allocations: [{ invoiceId: m.invoiceId }] } }, { token: branch.treasurer });
      expect(paid.errors).toBeUndefined();
      const paymentId = paid.data!.recordPayment.id;
      const entryId = await entryOf('PAYMENT', paymentId);
      await expectNotManual(entryId, branch.treasurer);
      await expectNotManual(entryId, w.admin);
      expect(await w.invoice(m.invoiceId)).toMatchObject({ status: 'PAID' });

      const voided = await t.gql(VOID, { id: paymentId, reason: '誤入力' }, { token: branch.treasurer });
      expect(voided.errors).toBeUndefined();
      expect(voided.data!.voidPayment.status).toBe('VOIDED');
      expect(await w.invoice(m.invoiceId)).toMatchObject({ paid: 0, outstanding: 12000 });
      expect(await w.balance(branch.bookId, AccountCode.Cash)).toBe(0n);
    });

    it('reversing an INVOICE entry is refused; voidDuesInvoice, then cancelling the membership, still work', async () => {
      const m = await w.memberWithInvoice(branch.id);
      await expectNotManual(await entryOf('INVOICE', m.invoiceId), branch.treasurer);
      await expectNotManual(await entryOf('INVOICE', m.invoiceId, federationBookId), w.admin);

      const voided = await t.gql(DUES.voidInvoice, { input: { invoiceId: m.invoiceId, reason: '二重登録' } }, { token: branch.treasurer });
      expect(voided.errors).toBeUndefined();
      expect(voided.data!.voidDuesInvoice.status).toBe('VOID');

      const other = await w.memberWithInvoice(branch.id);
      await expectNotManual(await entryOf('INVOICE', other.invoiceId), branch.treasurer);
      const cancelled = await t.gql(DUES.cancel, { input: { membershipId: other.membershipId, reason: '退会' } }, { token: w.admin });
      expect(cancelled.errors).toBeUndefined();
      expect(cancelled.data!.cancelMembership.status).toBe('CANCELLED');
    });

    it('reversing a SETTLEMENT entry is refused, in the branch book and the federation book', async () => {
      await w.memberWithInvoice(branch.id);
      const settled = await t.gql(SETTLE, { input: { branchId: branch.id, amount: { amount: 1000, currency: 'JPY' }, settledOn: TODAY } }, { token: branch.treasurer });
      expect(settled.errors).toBeUndefined();
      const id = settled.data!.recordSettlement.id;
      await expectNotManual(await entryOf('SETTLEMENT', id), branch.treasurer);
      await expectNotManual(await entryOf('SETTLEMENT', id, federationBookId), w.admin);
    });

    it('a manual entry is still reversed by hand, once', async () => {
      const posted = await t.gql(CREATE, { input: manual() }, { token: branch.treasurer });
      const res = await t.gql(REVERSE, { id: posted.data!.createManualJournalEntry.id, memo: '取消 / undo' }, { token: branch.treasurer });
      expect(res.errors).toBeUndefined();
      expect(res.data!.reverseJournalEntry).toMatchObject({ source: 'MANUAL', lines: [{ side: 'CREDIT' }, { side: 'DEBIT' }] });
    });
  });

  describe('the entry date', () => {
    it('an impossible date, or one before the ledger’s first year (1900), is refused naming the field, in both languages; nothing written', async () => {
      const before = await entries();
      const impossible = await t.gql(CREATE, { input: manual({ entryDate: '2026-02-30' }) }, { token: branch.treasurer, locale: 'en' });
      expect(impossible.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.entryDate', messages: ['must be a date written YYYY-MM-DD from 1900 on, e.g. 2026-04-01'] }] });
      const early = await t.gql(CREATE, { input: manual({ entryDate: '1899-12-31' }) }, { token: branch.treasurer, locale: 'ja' });
      expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.entryDate', messages: ['日付は 1900年以降を YYYY-MM-DD の形式で入力してください (例: 2026-04-01)'] }] });
      expect(await entries()).toBe(before);
    });
  });

  describe('inter-book accounts', () => {
    for (const [label, code, side] of [
      ['due to other books (2200): the branch "paying off" what it owes the federation', AccountCode.DueToOtherBooks, 'DEBIT'],
      ['due from other books (1500): the branch claiming the federation owes it', AccountCode.DueFromOtherBooks, 'DEBIT'],
    ] as const) {
      it(`a manual entry on ${label} is refused, for a treasurer and a federation admin; nothing written`, async () => {
        const lines: CreateManualJournalEntryInput['lines'] = [
          { accountCode: code, side, amount: 50000, counterpartyBookId: federationBookId },
          { accountCode: AccountCode.DuesIncome, side: side === 'DEBIT' ? 'CREDIT' : 'DEBIT', amount: 50000 },
        ];
        const before = await entries();
        const owedBefore = await w.balance(branch.bookId, code, federationBookId);
        for (const token of [branch.treasurer, w.admin]) {
          const res = await t.gql(CREATE, { input: manual({ lines }) }, { token });
          expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INTER_BOOK_ACCOUNT_MANUAL', fields: [{ field: 'input.lines.0.accountCode' }] });
        }
        const ja = await t.gql(CREATE, { input: manual({ lines: [...lines].reverse() }) }, { token: branch.treasurer, locale: 'ja' });
        expect(ja.errors?.[0].extensions.fields?.[0].field).toBe('input.lines.1.accountCode');
        expect(ja.errors?.[0].message).toMatch(/手動では仕訳できません|手動で仕訳できません/);
        expect(await entries()).toBe(before);
        expect(await w.balance(branch.bookId, code, federationBookId)).toBe(owedBefore);
      });
    }
  });

  describe('idempotency keys', () => {
    it('the same key with the same entry returns it; with different lines, date or memo it is a CONFLICT and nothing is written', async () => {
      const input = manual({ idempotencyKey: 'slip-0042' });
      const first = await t.gql(CREATE, { input }, { token: branch.treasurer });
      expect(first.errors).toBeUndefined();
      const again = await t.gql(CREATE, { input }, { token: branch.treasurer });
      expect(again.data!.createManualJournalEntry.id).toBe(first.data!.createManualJournalEntry.id);

      const before = await entries();
      const audits = Number((await t.db.query(`SELECT count(*) FROM audit_events WHERE action = 'ledger.entry.create'`))[0].count);
      const changed: Partial<CreateManualJournalEntryInput>[] = [
        { lines: [{ ...input.lines[0], amount: 9000 }, { ...input.lines[1], amount: 9000 }] },
        { lines: [input.lines[0], { ...input.lines[1], accountCode: AccountCode.DuesIncome }] },
        { entryDate: '2026-06-14' },
        { memo: '別の振替' },
      ];
      for (const over of changed) {
        const res = await t.gql(CREATE, { input: { ...input, ...over } }, { token: branch.treasurer });
        expect(res.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
      }
      expect(await entries()).toBe(before);
      expect(Number((await t.db.query(`SELECT count(*) FROM audit_events WHERE action = 'ledger.entry.create'`))[0].count)).toBe(audits);
      const [lines] = await t.db.query(`SELECT sum(amount)::int AS total FROM journal_lines WHERE entry_id = $1`, [first.data!.createManualJournalEntry.id]);
      expect(lines.total).toBe(4000);
    });
  });
});
