import { Injectable } from '@nestjs/common';
import { AppError, Clock, Money, TransactionService } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { BookService, LedgerPosting } from '#ledger';
import { DuesError, InvoiceSettlement } from '#dues';
import { MemberDirectory } from '#members';
import { planCreditApplication } from './allocation.js';
import { PaymentRepository } from './payment.repository.js';
import { AllocationSource, type PaymentAllocation } from './payment-allocation.entity.js';
import { creditApplicationPosting, duesReceiptOf, federationCreditKey, federationReceiptPosting } from './payment-postings.js';
import { PAYMENT_READERS, PAYMENT_WRITERS, requireReader, requireWriter } from './payment-access.js';
import { collectingBranch } from './collecting-branch.js';
import { PaymentsError } from './payments.errors.js';

import { PAYMENTS_REASONS as R } from './payments.errors.js';
/** Credit held in one branch's book. */
export interface MemberCreditInBook {
  branchId: string;
  bookId: string;
  available: Money;
  /** The caller may apply it (to that branch's invoices of the member). */
  canApply: boolean;
}

export interface MemberCreditBalance {
  memberId: string;
  /** The credit in the books the caller may read (for branch staff: what they can apply). */
  available: Money;
  /** Per book, oldest first: which credit is which (after a transfer a member may hold credit in two). */
  books: MemberCreditInBook[];
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
    private readonly books: BookService,
    private readonly ledger: LedgerPosting,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /**
   * The member's credit in the books the caller may read. Readers of the member's branch, or of a
   * branch that holds the member's credit or unpaid invoices (the former branch after a transfer),
   * may ask; each sees only their own books' credit. FORBIDDEN for anyone else.
   */
  async balance(actor: Actor, memberId: string, currency = 'JPY'): Promise<MemberCreditBalance> {
    const homeBranchId = await this.branchOf(memberId);
    const sources = await this.payments.creditSources(memberId, { currency });
    const readable = (branchId: string) => actor.canActOnBranch(branchId, PAYMENT_READERS);
    if (!readable(homeBranchId) && !sources.some((s) => readable(s.branchId))) {
      const unpaid = await this.invoices.unpaidInvoicesForMember(memberId);
      if (!unpaid.some((i) => readable(i.branchId))) requireReader(actor, homeBranchId);
    }
    const visible = sources.filter((s) => readable(s.branchId));
    const books = new Map<string, MemberCreditInBook>();
    for (const s of visible) {
      const book = books.get(s.bookId) ?? { branchId: s.branchId, bookId: s.bookId, available: Money.zero(currency), canApply: actor.canActOnBranch(s.branchId, PAYMENT_WRITERS) };
      book.available = book.available.add(Money.of(s.available, currency));
      books.set(s.bookId, book);
    }
    return {
      memberId,
      available: Money.of(visible.reduce((sum, s) => sum + s.available, 0n), currency),
      books: [...books.values()],
      paymentIds: visible.map((s) => s.paymentId),
    };
  }

  /**
   * Pays the invoices (in the order given) from the member's credit, as far as it goes.
   * Each use is a CREDIT allocation with its own journal entry (Dr member credit / Cr dues
   * receivable) in the book that holds the credit.
   */
  async applyCredit(actor: Actor, input: { memberId: string; invoiceIds: string[]; appliedOn?: string | null }): Promise<{ allocations: PaymentAllocation[]; currency: string }> {
    const homeBranchId = await this.branchOf(input.memberId);
    return this.tx.run(async () => {
      // Credit rows first, then invoices: the same order as a void (payment, then invoices).
      const sources = await this.payments.creditSources(input.memberId, { lock: true });
      // The invoices locked and judged by the dues contract, in one statement: the collecting branch and the caller's authority follow from them.
      const judged = await this.invoices.lockForPayment({ memberId: input.memberId }, input.invoiceIds);
      // The credit and the invoices must be in one book: that of the branch that issued the invoices.
      const branchId = collectingBranch(actor, { memberId: input.memberId, homeBranchId, invoiceIds: input.invoiceIds, invoices: [...judged.byId.values()] }, (i) => `input.invoiceIds.${i}`);
      requireWriter(actor, branchId);
      const appliedOn = input.appliedOn ?? this.clock.today();
      if (appliedOn > this.clock.today()) throw PaymentsError.futureDate('input.appliedOn');
      if (new Set(input.invoiceIds).size !== input.invoiceIds.length) {
        throw R.DUPLICATE_INVOICE.at('input.invoiceIds');
      }
      const unknown = judged.invoices.find((v) => v.refusal === 'NOT_FOUND');
      if (unknown) throw DuesError.invoiceNotFound(unknown.invoiceId);
      judged.invoices.forEach((v, index) => {
        if (v.refusal === 'ANOTHER_MEMBER') throw R.INVOICE_OF_ANOTHER_MEMBER.at(`input.invoiceIds.${index}`);
        if (v.refusal === 'ANOTHER_BRANCH') throw PaymentsError.invoiceOfAnotherBranch(`input.invoiceIds.${index}`);
      });
      // Paid, void and other-currency invoices take nothing (NO_CREDIT when nothing is left to pay).
      const targets = judged.invoices.filter((v) => v.refusal === null).map((v) => ({ invoiceId: v.invoiceId, outstanding: v.outstanding }));
      const currency = judged.currency ?? 'JPY';
      // Only credit held in that branch's book: credit in another book (before or after a transfer) stays there.
      const usable = sources.filter((s) => s.currency === currency && s.branchId === branchId);
      const moves = planCreditApplication(usable, targets);
      if (moves.length === 0) throw PaymentsError.noCredit();

      const bookOf = new Map(usable.map((s) => [s.paymentId, s.bookId]));
      const federationBookId = (await this.books.federationBook()).id;
      const created: PaymentAllocation[] = [];
      for (const move of moves) {
        const [allocation] = await this.payments.insertAllocations([
          { paymentId: move.paymentId, invoiceId: move.invoiceId, amount: move.amount, source: AllocationSource.CREDIT, appliedOn, journalEntryId: null },
        ]);
        // The row this transaction locked above: applied without reading it again.
        const invoice = await this.invoices.applyPaymentToLocked(judged.byId.get(move.invoiceId)!, move.amount, appliedOn);
        const bookId = bookOf.get(move.paymentId)!;
        const receipt = duesReceiptOf([{ invoice, amount: move.amount }], federationBookId);
        const memo = '前受金充当 / member credit applied';
        const federationEntry = federationReceiptPosting({
          sourceId: move.paymentId,
          idempotencyKey: federationCreditKey(allocation.id),
          branchBookId: bookId,
          entryDate: appliedOn,
          currency,
          receipt,
          memo,
        });
        const [posted] = await this.ledger.postMany([
          creditApplicationPosting({
            allocationId: allocation.id,
            paymentId: move.paymentId,
            bookId,
            appliedOn,
            currency,
            amount: move.amount,
            receipt,
            memo,
          }),
          ...(federationEntry ? [federationEntry] : []),
        ]);
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
