import { Injectable } from '@nestjs/common';
import { AppError, Clock, TransactionService } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { BookService, LedgerPosting } from '#ledger';
import { InvoiceSettlement } from '#dues';
import { PaymentRepository } from './payment.repository.js';
import type { PaymentAllocation } from './payment-allocation.entity.js';
import type { Payment } from './payment.entity.js';
import { PaymentStatus } from './payment.entity.js';
import { requireWriter } from './payment-access.js';
import { PaymentsError } from './payments.errors.js';
import { federationCreditKey, federationPaymentKey } from './payment-postings.js';

import { PAYMENTS_REASONS as R } from './payments.errors.js';
/**
 * 入金の取消. Takes back everything the payment did: each live allocation is unapplied from
 * its invoice (a PAID invoice reopens and the membership steps back), the payment's journal
 * entry and those of credit it paid later are reversed, and the payment is marked VOIDED. One
 * transaction. The reversals are dated today; the payment's own entry (and the federation's
 * mirror of it) on the day the caller names instead (`entryDate`): reconciliation voids the payment
 * of an unconfirmed bank line on the line's own day, so that month nets to nothing and a new
 * confirmation lands beside it; when that month is closed the ledger moves the reversal to the
 * first day of the next open month (a closed month never changes).
 */
@Injectable()
export class PaymentVoiding {
  constructor(
    private readonly tx: TransactionService,
    private readonly payments: PaymentRepository,
    private readonly invoices: InvoiceSettlement,
    private readonly ledger: LedgerPosting,
    private readonly books: BookService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async void(actor: Actor, paymentId: string, reason: string, options: { entryDate?: string } = {}): Promise<{ payment: Payment; allocations: PaymentAllocation[] }> {
    const why = reason.trim();
    if (!why) throw R.VOID_REASON_REQUIRED.at('reason');
    return this.tx.run(async () => {
      const payment = await this.payments.lock(paymentId);
      if (!payment) throw AppError.notFound('Payment', paymentId);
      requireWriter(actor, payment.branchId);
      if (payment.status === PaymentStatus.VOIDED) throw PaymentsError.alreadyVoided(paymentId);

      const live = await this.payments.liveAllocations(paymentId);
      // Invoices in id order, as every other locker takes them.
      for (const a of [...live].sort((x, y) => (x.invoiceId < y.invoiceId ? -1 : 1))) {
        await this.invoices.unapplyPayment(a.invoiceId, a.amount);
      }
      const today = this.clock.today();
      // The payment's own entry (bank or cash, dues) on the day the caller names; credit it paid later keeps today.
      const paymentDay = options.entryDate ?? today;
      const memo = `入金取消 / payment voided: ${why}`;
      // ON_RECEIPT receipts also posted the federation's share in the federation book: reversed too.
      const federationBookId = (await this.books.federationBook()).id;
      for (const a of live) {
        if (!a.journalEntryId) continue;
        await this.ledger.reverse(a.journalEntryId, { entryDate: today, memo, idempotencyKey: `payment-credit-void:${a.id}` });
        await this.ledger.reverseByKey(federationBookId, federationCreditKey(a.id), { entryDate: today, memo, idempotencyKey: `payment-credit-void:${a.id}:federation` });
      }
      if (payment.journalEntryId) {
        await this.ledger.reverse(payment.journalEntryId, { entryDate: paymentDay, memo, idempotencyKey: `payment-void:${payment.id}` });
        await this.ledger.reverseByKey(federationBookId, federationPaymentKey(payment.id), { entryDate: paymentDay, memo, idempotencyKey: `payment-void:${payment.id}:federation` });
      }
      await this.payments.releaseAllocations(live.map((a) => a.id));
      await this.payments.markVoided(paymentId, actor.userId, why);

      const after = (await this.payments.findById(paymentId))!;
      await this.audit.record(actor, {
        action: 'payment.void',
        entityType: 'Payment',
        entityId: paymentId,
        branchId: payment.branchId,
        before: { status: payment.status, allocations: live.map((a) => ({ invoiceId: a.invoiceId, amount: a.amount })) },
        after: { status: after.status, voidReason: why, allocations: [] },
      });
      const allocations = (await this.payments.allocationsOf([paymentId])).get(paymentId)!;
      return { payment: after, allocations };
    });
  }
}
