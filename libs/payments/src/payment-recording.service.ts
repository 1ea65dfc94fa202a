import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError, Clock, TransactionService, type Money } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { BookService, LedgerPosting } from '#ledger';
import { InvoiceSettlement, type Invoice } from '#dues';
import { MemberDirectory } from '#members';
import { allocatePayment, type AllocationRequest } from './allocation.js';
import { collectingBranch } from './collecting-branch.js';
import { PaymentRepository } from './payment.repository.js';
import { AllocationSource, type PaymentAllocation } from './payment-allocation.entity.js';
import type { Payment } from './payment.entity.js';
import type { PaymentMethod } from './payment-method.js';
import { paymentPosting } from './payment-postings.js';
import { requireWriter } from './payment-access.js';
import { PaymentsError } from './payments.errors.js';
import { requestHash } from './request-hash.js';

/**
 * What any channel records: a treasurer's cash or bank transfer today; a Stripe webhook
 * (CARD / KONBINI, provider reference = payment intent, fee from the balance transaction)
 * and a matched bank-statement line (BANK_STATEMENT, reference = the line) later.
 */
export interface RecordPaymentCommand {
  memberId: string;
  method: PaymentMethod;
  /** Gross amount received. */
  amount: Money;
  /** What the channel kept, same currency; 0 when absent. */
  fee?: bigint | null;
  /** YYYY-MM-DD, Asia/Tokyo. */
  receivedOn: string;
  /** Channel reference; unique per (branch, method) among live payments. */
  reference?: string | null;
  /** Invoices of this member, paid in this order (an amount fixes that invoice's share). */
  allocations: AllocationRequest[];
  /** Keep what exceeds the invoices as member credit; refused otherwise. */
  allowCredit?: boolean;
  memo?: string | null;
  /** A retry with the same key and content returns the first payment. */
  idempotencyKey?: string | null;
}

export interface RecordedPayment {
  payment: Payment;
  allocations: PaymentAllocation[];
  /** true when this was an exact retry and the first payment was returned. */
  replayed: boolean;
}

/**
 * 入金の記録 — the one path for money in. The payment, its allocations, the invoices' paid
 * amounts, the membership status and the journal entry commit together or not at all.
 */
@Injectable()
export class PaymentRecording {
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

  async record(actor: Actor, command: RecordPaymentCommand): Promise<RecordedPayment> {
    const currency = command.amount.currency;
    const amount = command.amount.amount;
    const fee = command.fee ?? 0n;
    this.validate(command, amount, fee);
    const hash = requestHash({ ...command, amount, currency, fee, allowCredit: command.allowCredit ?? false, idempotencyKey: undefined });
    const key = command.idempotencyKey ?? `auto:${randomUUID()}`;

    const branchId = await this.collectingBranchOf(actor, command);
    requireWriter(actor, branchId);

    if (command.idempotencyKey) {
      const earlier = await this.replay(command.idempotencyKey, hash);
      if (earlier) return earlier;
    }

    return this.tx.run(async () => {
      const book = await this.books.bookForBranch(branchId);
      if (book.currency.trim() !== currency) throw PaymentsError.currencyMismatch('input.amount.currency', book.currency.trim(), currency);

      const paymentId = await this.payments.claim({
        branchId,
        bookId: book.id,
        memberId: command.memberId,
        method: command.method,
        reference: command.reference ?? null,
        amount,
        fee,
        currency,
        receivedOn: command.receivedOn,
        memo: command.memo ?? null,
        idempotencyKey: key,
        requestHash: hash,
        recordedBy: actor.userId,
      });
      if (!paymentId) return this.lostRace(key, hash, branchId, command);

      const open = await this.openInvoices(command, currency, branchId);
      const result = allocatePayment({ amount, requests: command.allocations, invoices: open, allowCredit: command.allowCredit ?? false });
      if (!result.ok) throw PaymentsError.fromAllocation(result.problem, currency);
      const { allocations: plan, credit } = result.plan;

      const allocations = await this.payments.insertAllocations(
        plan.map((a) => ({ paymentId, invoiceId: a.invoiceId, amount: a.amount, source: AllocationSource.PAYMENT, appliedOn: command.receivedOn, journalEntryId: null })),
      );
      for (const a of plan) await this.invoices.applyPayment(a.invoiceId, a.amount, command.receivedOn);

      const posted = await this.ledger.post(
        paymentPosting({
          paymentId,
          bookId: book.id,
          receivedOn: command.receivedOn,
          method: command.method,
          currency,
          amount,
          fee,
          allocated: amount - credit,
          credit,
          memo: `入金 ${command.method}${command.reference ? ` ${command.reference}` : ''} / payment`,
        }),
      );
      await this.payments.setPosted(paymentId, posted.entryId, posted.entryDate);

      const payment = (await this.payments.findById(paymentId))!;
      await this.audit.record(actor, {
        action: 'payment.record',
        entityType: 'Payment',
        entityId: paymentId,
        branchId,
        after: { ...payment, allocations: plan, credit },
      });
      return { payment, allocations, replayed: false };
    });
  }

  private validate(command: RecordPaymentCommand, amount: bigint, fee: bigint): void {
    if (amount <= 0n) throw PaymentsError.fromAllocation({ kind: 'NON_POSITIVE_AMOUNT' }, command.amount.currency);
    if (fee < 0n) throw AppError.badInput('input.fee', { ja: '手数料は0以上で入力してください', en: 'The fee must not be negative' });
    if (fee >= amount) throw PaymentsError.feeNotBelowAmount();
    if (command.receivedOn > this.clock.today()) throw PaymentsError.futureDate('input.receivedOn');
  }

  /** The book the payment goes into: that of the branch that issued its invoices (see collecting-branch.ts). */
  private async collectingBranchOf(actor: Actor, command: RecordPaymentCommand): Promise<string> {
    const homeBranchId = (await this.members.branchOf([command.memberId])).get(command.memberId);
    if (!homeBranchId) throw AppError.notFound('Member', command.memberId);
    const invoiceIds = command.allocations.map((a) => a.invoiceId);
    // An invoice's branch never changes once issued: reading it before the transaction is safe.
    const invoices = invoiceIds.length ? await this.invoices.findInvoices([...new Set(invoiceIds)]) : [];
    return collectingBranch(actor, { memberId: command.memberId, homeBranchId, invoiceIds, invoices }, (i) => `input.allocations.${i}.invoiceId`);
  }

  /** An exact retry returns the first payment; the same key for something else is a conflict. */
  private async replay(key: string, hash: string): Promise<RecordedPayment | null> {
    const earlier = await this.payments.findByIdempotencyKey(key);
    if (!earlier) return null;
    if (earlier.requestHash !== hash) throw PaymentsError.idempotencyKeyReused();
    const allocations = (await this.payments.allocationsOf([earlier.id])).get(earlier.id)!;
    return { payment: earlier, allocations, replayed: true };
  }

  /** Another request holds the key or the reference (it has committed by now). */
  private async lostRace(key: string, hash: string, branchId: string, command: RecordPaymentCommand): Promise<RecordedPayment> {
    const earlier = await this.replay(key, hash);
    if (earlier) return earlier;
    if (command.reference && (await this.payments.findLiveByReference(branchId, command.method, command.reference))) {
      throw PaymentsError.duplicateReference(command.reference);
    }
    // The other request rolled back between its insert and our look-up: let the transaction retry.
    throw AppError.conflict('PAYMENT_RACE', { ja: '同時に記録された入金と競合しました。もう一度お試しください', en: 'A concurrent payment interfered; please try again' });
  }

  /**
   * Locks the invoices named (id order, no deadlocks) and returns what each still owes.
   * Refuses invoices of another member, in another currency, or void; a paid one owes 0
   * (its share becomes credit only with allowCredit, else INVOICE_ALREADY_PAID).
   */
  private async openInvoices(command: RecordPaymentCommand, currency: string, branchId: string): Promise<{ invoiceId: string; outstanding: bigint }[]> {
    const ids = [...new Set(command.allocations.map((a) => a.invoiceId))];
    if (ids.length === 0) return [];
    let open: Invoice[];
    try {
      open = await this.invoices.lockOpenInvoices(ids);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
      const existing = new Set((await this.invoices.findInvoices(ids)).map((i) => i.id));
      throw PaymentsError.invoiceNotOpen(command.allocations.findIndex((a) => !existing.has(a.invoiceId)));
    }
    const openIds = new Set(open.map((i) => i.id));
    const found = new Map((await this.invoices.findInvoices(ids)).map((i) => [i.id, i]));
    return command.allocations.map((request, index) => {
      const invoice = found.get(request.invoiceId);
      if (!invoice) throw PaymentsError.invoiceNotOpen(index);
      if (invoice.memberId !== command.memberId) throw PaymentsError.invoiceOfAnotherMember(index);
      // Its receivable is in that branch's book: one payment, one book (collectingBranchOf chose it).
      if (invoice.branchId !== branchId) throw PaymentsError.invoiceOfAnotherBranch(`input.allocations.${index}.invoiceId`);
      if (invoice.currency.trim() !== currency) throw PaymentsError.currencyMismatch(`input.allocations.${index}.invoiceId`, invoice.currency.trim(), currency);
      if (!openIds.has(invoice.id)) {
        if (invoice.status === 'VOID') throw PaymentsError.invoiceNotOpen(index);
        if (!command.allowCredit) throw PaymentsError.invoiceAlreadyPaid(index, invoice.number);
      }
      return { invoiceId: invoice.id, outstanding: this.invoices.outstanding(invoice) };
    });
  }
}
