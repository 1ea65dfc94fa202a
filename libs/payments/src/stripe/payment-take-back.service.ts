import { Injectable } from '@nestjs/common';
import { Clock, TransactionService } from '#core';
import { AccountCode, LedgerPosting, LedgerQueries, type JournalPosting } from '#ledger';
import { InvoiceSettlement } from '#dues';
import { AllocationSource } from '../payment-allocation.entity.js';
import { PaymentStatus, type Payment } from '../payment.entity.js';
import { PaymentRepository } from '../payment.repository.js';
import { OnlinePaymentsError } from './online-payments.errors.js';
import { takeBackLines, unappliedShare } from './take-back-share.js';

/** Money of a payment already gone back: booked refunds and lost disputes. */
const TAKEN_BACK_SQL = `
  SELECT COALESCE(sum(amount), 0)::text AS amount, COALESCE(sum(unapplied), 0)::text AS unapplied FROM (
    SELECT amount, unapplied FROM payment_refunds WHERE payment_id = $1 AND journal_entry_id IS NOT NULL
    UNION ALL
    SELECT amount, unapplied FROM payment_disputes WHERE payment_id = $1 AND status = 'LOST'
  ) t`;

/**
 * Takes back part of a payment when Stripe gives the money back (a refund) or loses it (a lost
 * dispute), in the caller's transaction with the payment row locked:
 * - the ledger: the refunded share of the payment's own entry, reversed (take-back-share.ts),
 *   dated today, idempotent by the caller's key;
 * - the invoices: the same share of what the payment allocated is unapplied (a PAID invoice
 *   reopens), the allocation replaced by a smaller one; the rest came out of the member's credit.
 */
@Injectable()
export class PaymentTakeBack {
  constructor(
    private readonly tx: TransactionService,
    private readonly payments: PaymentRepository,
    private readonly invoices: InvoiceSettlement,
    private readonly ledger: LedgerPosting,
    private readonly ledgerQueries: LedgerQueries,
    private readonly clock: Clock,
  ) {}

  /** Refunded or lost so far (amount), and the part of it that came off invoices. */
  async takenBack(paymentId: string): Promise<{ amount: bigint; unapplied: bigint }> {
    const [row]: { amount: string; unapplied: string }[] = await this.tx.manager.query(TAKEN_BACK_SQL, [paymentId]);
    return { amount: BigInt(row.amount), unapplied: BigInt(row.unapplied) };
  }

  async takeBack(payment: Payment, p: { amount: bigint; idempotencyKey: string; memo: string; moneyAccount?: string }): Promise<{ entryId: string; unapplied: bigint }> {
    if (!this.tx.active) throw new Error('PaymentTakeBack.takeBack needs an open transaction');
    const locked = (await this.payments.lock(payment.id))!;
    const before = await this.takenBack(payment.id);
    if (locked.status === PaymentStatus.VOIDED || before.amount + p.amount > locked.amount || !locked.journalEntryId) {
      throw OnlinePaymentsError.takeBackExceedsPayment(payment.id);
    }
    const lines = (await this.ledgerQueries.entryLines(locked.journalEntryId))!;
    const back = takeBackLines({ lines, paymentAmount: locked.amount, before: before.amount, amount: p.amount, moneyAccount: p.moneyAccount });
    const entry = { entryDate: this.clock.today(), source: 'REFUND' as const, sourceId: locked.id, memo: p.memo, currency: locked.currency };
    // What an ON_RECEIPT payment owed the federation (Cr 2200) comes back off it, and the federation book's mirror
    // (Dr 1500 / Cr 4100) is taken back by the same amount, so the two books still mirror each other.
    const mirrors: JournalPosting[] = back
      .filter((l) => l.accountCode === AccountCode.DueToOtherBooks && l.side === 'DEBIT' && l.counterpartyBookId)
      .map((l, i) => ({
        ...entry,
        bookId: l.counterpartyBookId!,
        idempotencyKey: `${p.idempotencyKey}:mirror:${i}`,
        lines: [
          { accountCode: AccountCode.DuesIncome, side: 'DEBIT', amount: l.amount },
          { accountCode: AccountCode.DueFromOtherBooks, side: 'CREDIT', amount: l.amount, counterpartyBookId: locked.bookId },
        ],
      }));
    const [posted] = await this.ledger.postMany([{ ...entry, bookId: locked.bookId, idempotencyKey: p.idempotencyKey, lines: back }, ...mirrors]);

    const live = (await this.payments.liveAllocations(locked.id)).filter((a) => a.source === AllocationSource.PAYMENT);
    const liveTotal = live.reduce((sum, a) => sum + a.amount, 0n);
    const share = unappliedShare({ allocatedOriginal: liveTotal + before.unapplied, paymentAmount: locked.amount, before: before.amount, amount: p.amount });
    let left = share < liveTotal ? share : liveTotal;
    const unapplied = left;
    // Invoices in id order, as every other locker takes them.
    for (const a of [...live].sort((x, y) => (x.invoiceId < y.invoiceId ? -1 : 1))) {
      if (left === 0n) break;
      const take = a.amount < left ? a.amount : left;
      await this.invoices.unapplyPayment(a.invoiceId, take);
      await this.payments.releaseAllocations([a.id]);
      if (a.amount > take) {
        await this.payments.insertAllocations([{ paymentId: a.paymentId, invoiceId: a.invoiceId, amount: a.amount - take, source: a.source, appliedOn: a.appliedOn, journalEntryId: a.journalEntryId }]);
      }
      left -= take;
    }
    await this.tx.manager.query(`UPDATE payments SET taken_back = taken_back + $2 WHERE id = $1`, [locked.id, p.amount.toString()]);
    return { entryId: posted.entryId, unapplied };
  }
}
