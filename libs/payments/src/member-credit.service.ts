import { Injectable } from '@nestjs/common';
import { AppError, Clock, Money, TransactionService } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { LedgerPosting } from '#ledger';
import { InvoiceSettlement } from '#dues';
import { MemberDirectory } from '#members';
import { planCreditApplication } from './allocation.js';
import { PaymentRepository } from './payment.repository.js';
import { AllocationSource, type PaymentAllocation } from './payment-allocation.entity.js';
import { creditApplicationPosting } from './payment-postings.js';
import { requireReader, requireWriter } from './payment-access.js';
import { PaymentsError } from './payments.errors.js';

export interface MemberCreditBalance {
  memberId: string;
  available: Money;
  paymentIds: string[];
}

/**
 * 前受金: a member's credit is the unallocated part of their recorded payments — derived,
 * never a counter. It is used explicitly (`applyCredit`), oldest credit first, not silently
 * on the next payment: a treasurer (or the dues library when issuing an invoice) decides.
 */
@Injectable()
export class MemberCredit {
  constructor(
    private readonly tx: TransactionService,
    private readonly payments: PaymentRepository,
    private readonly invoices: InvoiceSettlement,
    private readonly members: MemberDirectory,
    private readonly ledger: LedgerPosting,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async balance(actor: Actor, memberId: string, currency = 'JPY'): Promise<MemberCreditBalance> {
    requireReader(actor, await this.branchOf(memberId));
    const sources = await this.payments.creditSources(memberId, { currency });
    return {
      memberId,
      available: Money.of(sources.reduce((s, c) => s + c.available, 0n), currency),
      paymentIds: sources.map((s) => s.paymentId),
    };
  }

  /**
   * Pays the invoices (in the order given) from the member's credit, as far as it goes.
   * Each use is a CREDIT allocation with its own journal entry (Dr member credit / Cr dues
   * receivable) in the book that holds the credit.
   */
  async applyCredit(actor: Actor, input: { memberId: string; invoiceIds: string[]; appliedOn?: string | null }): Promise<{ allocations: PaymentAllocation[]; currency: string }> {
    const branchId = await this.branchOf(input.memberId);
    requireWriter(actor, branchId);
    const appliedOn = input.appliedOn ?? this.clock.today();
    if (appliedOn > this.clock.today()) throw PaymentsError.futureDate('input.appliedOn');
    if (new Set(input.invoiceIds).size !== input.invoiceIds.length) {
      throw AppError.badInput('input.invoiceIds', { ja: '同じ請求書が二度指定されています', en: 'The same invoice is listed twice' }, 'DUPLICATE_INVOICE');
    }
    return this.tx.run(async () => {
      // Credit rows first, then invoices: the same order as a void (payment, then invoices).
      const sources = await this.payments.creditSources(input.memberId, { lock: true });
      const open = await this.invoices.lockOpenInvoices(input.invoiceIds);
      const all = new Map((await this.invoices.findInvoices(input.invoiceIds)).map((i) => [i.id, i]));
      input.invoiceIds.forEach((id, index) => {
        const invoice = all.get(id)!;
        if (invoice.memberId !== input.memberId) {
          throw AppError.badInput(`input.invoiceIds.${index}`, { ja: 'この請求書は別の会員のものです', en: 'This invoice belongs to another member' }, 'INVOICE_OF_ANOTHER_MEMBER');
        }
        if (invoice.branchId !== branchId) {
          throw AppError.badInput(
            `input.invoiceIds.${index}`,
            { ja: 'この請求書は会員の現在の所属支部とは別の支部のものです', en: "This invoice belongs to another branch than the member's home branch" },
            'INVOICE_OF_ANOTHER_BRANCH',
          );
        }
      });
      const openById = new Map(open.map((i) => [i.id, i]));
      const targets = input.invoiceIds
        .map((id) => openById.get(id))
        .filter((i) => i !== undefined)
        .map((i) => ({ invoiceId: i.id, outstanding: this.invoices.outstanding(i), currency: i.currency.trim() }));
      const currency = targets[0]?.currency ?? 'JPY';
      // Credit held in another branch's book (before a transfer) stays there: it would need an inter-book entry.
      const usable = sources.filter((s) => s.currency === currency && s.branchId === branchId);
      const moves = planCreditApplication(usable, targets.filter((t) => t.currency === currency));
      if (moves.length === 0) throw PaymentsError.noCredit();

      const bookOf = new Map(usable.map((s) => [s.paymentId, s.bookId]));
      const created: PaymentAllocation[] = [];
      for (const move of moves) {
        const [allocation] = await this.payments.insertAllocations([
          { paymentId: move.paymentId, invoiceId: move.invoiceId, amount: move.amount, source: AllocationSource.CREDIT, appliedOn, journalEntryId: null },
        ]);
        await this.invoices.applyPayment(move.invoiceId, move.amount, appliedOn);
        const posted = await this.ledger.post(
          creditApplicationPosting({
            allocationId: allocation.id,
            paymentId: move.paymentId,
            bookId: bookOf.get(move.paymentId)!,
            appliedOn,
            currency,
            amount: move.amount,
            memo: '前受金充当 / member credit applied',
          }),
        );
        await this.payments.setAllocationEntry(allocation.id, posted.entryId);
        allocation.journalEntryId = posted.entryId;
        created.push(allocation);
      }
      await this.audit.record(actor, {
        action: 'payment.applyCredit',
        entityType: 'MemberCredit',
        entityId: input.memberId,
        branchId,
        after: { allocations: moves },
      });
      return { allocations: created, currency };
    });
  }

  private async branchOf(memberId: string): Promise<string> {
    const branchId = (await this.members.branchOf([memberId])).get(memberId);
    if (!branchId) throw AppError.notFound('Member', memberId);
    return branchId;
  }
}
