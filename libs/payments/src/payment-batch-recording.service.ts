import { Injectable } from '@nestjs/common';
import { AppError, Clock, TransactionService, type Money } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { BookService, LedgerPosting } from '#ledger';
import { InvoiceBatchSettlement, InvoiceSettlement, isIsoDate } from '#dues';
import { MemberDirectory } from '#members';
import { AllocationSource } from './payment-allocation.entity.js';
import type { PaymentMethod } from './payment-method.js';
import { duesReceiptOf, federationPaymentKey, federationReceiptPosting, paymentPosting } from './payment-postings.js';
import type { JournalPosting } from '#ledger';
import { requireWriter } from './payment-access.js';
import { PaymentsError } from './payments.errors.js';
import { requestHash } from './request-hash.js';

/** The single path's error, on the batch row's field. */
function onRow(error: AppError, field: string): AppError {
  return new AppError(error.code, error.reason, error.text, [{ field, messages: [error.text] }]);
}

/** One payment of a batch: a member paying one of their invoices, no fee, no credit. */
export interface BatchPaymentCommand {
  memberId: string;
  method: PaymentMethod;
  amount: Money;
  receivedOn: string;
  reference?: string | null;
  invoiceId: string;
  memo?: string | null;
  idempotencyKey: string;
}

/**
 * Many payments at once, set-based (a fixed number of statements whatever the batch's size):
 * the same rules and the same rows as PaymentRecording.record — payment, allocation, the invoice's
 * paid amount and the membership's standing (InvoiceBatchSettlement), the journal entry in the
 * branch book (LedgerPosting.postMany), one audit event each — for the plain case of one invoice
 * per payment, fully allocated. All or nothing: the first refusal names the row and nothing is
 * written. For imports of payment history and the demo federation; a treasurer's single payment
 * goes through PaymentRecording.
 */
@Injectable()
export class PaymentBatchRecording {
  constructor(
    private readonly tx: TransactionService,
    private readonly invoices: InvoiceSettlement,
    private readonly settlement: InvoiceBatchSettlement,
    private readonly members: MemberDirectory,
    private readonly books: BookService,
    private readonly ledger: LedgerPosting,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** The new payments' ids, in the order of `commands`. */
  async recordMany(actor: Actor, commands: readonly BatchPaymentCommand[]): Promise<string[]> {
    if (commands.length === 0) return [];
    const today = this.clock.today();
    for (const [i, c] of commands.entries()) {
      if (c.amount.amount <= 0n) throw AppError.badInput(`commands.${i}.amount.amount`, { ja: '金額は正の整数で入力してください', en: 'The amount must be greater than zero' }, 'NON_POSITIVE_AMOUNT');
      if (!isIsoDate(c.receivedOn)) throw AppError.badInput(`commands.${i}.receivedOn`, { ja: '日付の形式が正しくありません (YYYY-MM-DD)', en: 'receivedOn must be a date (YYYY-MM-DD)' });
      if (c.receivedOn > today) throw PaymentsError.futureDate(`commands.${i}.receivedOn`);
    }
    return this.tx.run(async () => {
      const branchOf = await this.members.branchOf(commands.map((c) => c.memberId));
      const bookOf = new Map<string, { id: string; currency: string }>();
      for (const branchId of new Set(branchOf.values())) {
        requireWriter(actor, branchId);
        const book = await this.books.bookForBranch(branchId);
        bookOf.set(branchId, { id: book.id, currency: book.currency.trim() });
      }
      const open = new Map((await this.invoices.lockOpenInvoices([...new Set(commands.map((c) => c.invoiceId))])).map((i) => [i.id, i]));
      const rows = commands.map((c, i) => {
        const branchId = branchOf.get(c.memberId);
        if (!branchId) throw AppError.notFound('Member', c.memberId);
        const invoice = open.get(c.invoiceId);
        const field = `commands.${i}.invoiceId`;
        if (!invoice) throw onRow(PaymentsError.invoiceNotOpen(i), field);
        if (invoice.memberId !== c.memberId) throw onRow(PaymentsError.invoiceOfAnotherMember(i), field);
        if (invoice.branchId !== branchId) throw PaymentsError.invoiceOfAnotherBranch(field);
        const book = bookOf.get(branchId)!;
        if (c.amount.currency !== book.currency || invoice.currency.trim() !== book.currency) {
          throw PaymentsError.currencyMismatch(`commands.${i}.amount.currency`, book.currency, c.amount.currency);
        }
        const hash = requestHash({ ...c, invoiceId: undefined, allocations: [{ invoiceId: c.invoiceId, amount: c.amount.amount }], amount: c.amount.amount, currency: c.amount.currency, fee: 0n, allowCredit: false, idempotencyKey: undefined });
        return { c, branchId, book, hash };
      });

      const inserted: { id: string }[] = await this.tx.manager.query(
        `INSERT INTO payments (branch_id, book_id, member_id, method, reference, amount, fee, currency, received_on, memo, idempotency_key, request_hash, recorded_by)
         SELECT t.branch_id, t.book_id, t.member_id, t.method, t.reference, t.amount, 0, t.currency, t.received_on, t.memo, t.idempotency_key, t.request_hash, $13
           FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::date[], $9::text[], $10::text[], $11::text[], $12::int[])
                AS t(branch_id, book_id, member_id, method, reference, amount, currency, received_on, memo, idempotency_key, request_hash, n)
          ORDER BY t.n
         RETURNING id`,
        [
          rows.map((r) => r.branchId),
          rows.map((r) => r.book.id),
          rows.map((r) => r.c.memberId),
          rows.map((r) => r.c.method),
          rows.map((r) => r.c.reference ?? null),
          rows.map((r) => r.c.amount.amount.toString()),
          rows.map((r) => r.c.amount.currency),
          rows.map((r) => r.c.receivedOn),
          rows.map((r) => r.c.memo ?? null),
          rows.map((r) => r.c.idempotencyKey),
          rows.map((r) => r.hash),
          rows.map((_, i) => i),
          actor.userId,
        ],
      );
      const ids = inserted.map((r) => r.id);
      await this.tx.manager.query(
        `INSERT INTO payment_allocations (payment_id, invoice_id, amount, source, applied_on)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::text[], $5::date[])`,
        [ids, rows.map((r) => r.c.invoiceId), rows.map((r) => r.c.amount.amount.toString()), rows.map(() => AllocationSource.PAYMENT), rows.map((r) => r.c.receivedOn)],
      );
      const after = await this.settlement.applyPayments(rows.map((r) => ({ invoiceId: r.c.invoiceId, amount: r.c.amount.amount, paymentDate: r.c.receivedOn })));

      // The branch books' entries first, then the federation's mirrors of ON_RECEIPT receipts
      // (the shared book's chain head is taken last).
      const federationBookId = (await this.books.federationBook()).id;
      const mirrors: JournalPosting[] = [];
      const branchEntries = rows.map((r, i) => {
        const receipt = duesReceiptOf([{ invoice: after[i], amount: r.c.amount.amount }], federationBookId);
        const memo = `入金 ${r.c.method}${r.c.reference ? ` ${r.c.reference}` : ''} / payment`;
        const mirror = federationReceiptPosting({
          sourceId: ids[i],
          idempotencyKey: federationPaymentKey(ids[i]),
          branchBookId: r.book.id,
          entryDate: r.c.receivedOn,
          currency: r.c.amount.currency,
          receipt,
          memo,
        });
        if (mirror) mirrors.push(mirror);
        return paymentPosting({
          paymentId: ids[i],
          bookId: r.book.id,
          receivedOn: r.c.receivedOn,
          method: r.c.method,
          currency: r.c.amount.currency,
          amount: r.c.amount.amount,
          fee: 0n,
          allocated: r.c.amount.amount,
          credit: 0n,
          receipt,
          memo,
        });
      });
      const posted = (await this.ledger.postMany([...branchEntries, ...mirrors])).slice(0, rows.length);
      await this.tx.manager.query(
        `UPDATE payments p SET journal_entry_id = t.entry_id, posted_on = t.posted_on
           FROM unnest($1::uuid[], $2::uuid[], $3::date[]) AS t(id, entry_id, posted_on) WHERE p.id = t.id`,
        [ids, posted.map((e) => e.entryId), posted.map((e) => e.entryDate)],
      );
      await this.audit.recordMany(
        actor,
        rows.map((r, i) => ({
          action: 'payment.record',
          entityType: 'Payment',
          entityId: ids[i],
          branchId: r.branchId,
          after: {
            id: ids[i],
            memberId: r.c.memberId,
            method: r.c.method,
            amount: r.c.amount.amount,
            currency: r.c.amount.currency,
            receivedOn: r.c.receivedOn,
            postedOn: posted[i].entryDate,
            reference: r.c.reference ?? null,
            allocations: [{ invoiceId: r.c.invoiceId, amount: r.c.amount.amount }],
            credit: 0n,
          },
        })),
      );
      return ids;
    });
  }
}
