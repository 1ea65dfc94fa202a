import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainEvents, TransactionService } from '#core';
import { DuesError } from './dues.errors.js';
import { InvoiceStatus, UNPAID_INVOICE_STATUSES } from './dues-enums.js';
import type { Invoice } from './invoice.entity.js';
import { invoicesForPayment, outstandingOf, type InvoicePayer, type InvoicesForPayment } from './invoice-payability.js';
import { InvoiceRepository } from './invoice.repository.js';
import { MembershipLifecycle } from './membership-lifecycle.service.js';
import { isIsoDate } from './periods.js';

/**
 * What the payments library calls to settle dues invoices, inside its own
 * transaction (each method joins the caller's transaction). Payments posts its
 * own ledger entries (Dr cash/bank, Cr dues receivable); this service keeps the
 * invoice's paid amount and status, and the membership's standing, in step.
 */
@Injectable()
export class InvoiceSettlement {
  constructor(
    private readonly tx: TransactionService,
    private readonly invoices: InvoiceRepository,
    private readonly lifecycle: MembershipLifecycle,
    private readonly events: DomainEvents,
  ) {}

  /**
   * The dues ↔ payments contract: locks the invoices a payment (or a use of member credit) names — ONE
   * statement, SELECT … FOR UPDATE in id order, in the caller's transaction — and says of each, in the
   * order given, what it still owes or why this payer may not pay it (invoice-payability.ts: another
   * member's, another branch's, another currency, void, paid, unknown). Nothing is thrown for a refusal:
   * the caller names the field.
   */
  async lockForPayment(payer: InvoicePayer, invoiceIds: readonly string[]): Promise<InvoicesForPayment> {
    if (!this.tx.active) throw new Error('InvoiceSettlement.lockForPayment must run inside a transaction (TransactionService.run)');
    const locked = await this.invoices.lockByIds(invoiceIds);
    return invoicesForPayment(payer, invoiceIds, new Map(locked.map((i) => [i.id, i])));
  }

  /**
   * Locks the invoices (SELECT … FOR UPDATE, in id order so concurrent payers
   * never deadlock) in the caller's transaction and returns those still
   * expecting money (OPEN or PARTIALLY_PAID), in id order. NOT_FOUND for an unknown id.
   */
  async lockOpenInvoices(invoiceIds: string[]): Promise<Invoice[]> {
    return (await this.lockInvoices(invoiceIds)).filter((i) => UNPAID_INVOICE_STATUSES.includes(i.status));
  }

  /** Locks the invoices as lockOpenInvoices does and returns all of them, whatever their status (id order). */
  async lockInvoices(invoiceIds: string[]): Promise<Invoice[]> {
    if (!this.tx.active) throw new Error('InvoiceSettlement.lockInvoices must run inside a transaction (TransactionService.run)');
    const locked = await this.invoices.lockByIds(invoiceIds);
    const found = new Set(locked.map((i) => i.id));
    const missing = invoiceIds.find((id) => !found.has(id));
    if (missing) throw DuesError.invoiceNotFound(missing);
    return locked;
  }

  /**
   * Applies `amount` (minor units, > 0, at most what is outstanding) paid on
   * `paymentDate` (YYYY-MM-DD). When the invoice becomes PAID, the membership
   * becomes ACTIVE for the period (if its paid periods reach today).
   * CONFLICT: INVOICE_VOID, INVOICE_ALREADY_PAID, PAYMENT_EXCEEDS_OUTSTANDING.
   */
  async applyPayment(invoiceId: string, amount: bigint, paymentDate: string): Promise<Invoice> {
    if (amount <= 0n) throw DuesError.amountNotPositive('amount');
    if (!isIsoDate(paymentDate)) {
      throw DuesError.dateInvalid('paymentDate');
    }
    return this.tx.run(async () => {
      const invoice = await this.invoices.lockById(invoiceId);
      if (!invoice) throw DuesError.invoiceNotFound(invoiceId);
      return this.applyToLocked(invoice, amount, paymentDate);
    });
  }

  /**
   * applyPayment on an invoice this transaction has already locked (lockInvoices): the same rules,
   * without reading it again. The entity is updated in place and returned.
   */
  async applyPaymentToLocked(invoice: Invoice, amount: bigint, paymentDate: string): Promise<Invoice> {
    if (amount <= 0n) throw DuesError.amountNotPositive('amount');
    if (!this.tx.active) throw new Error('InvoiceSettlement.applyPaymentToLocked must run inside the transaction that locked the invoice');
    return this.applyToLocked(invoice, amount, paymentDate);
  }

  private async applyToLocked(invoice: Invoice, amount: bigint, paymentDate: string): Promise<Invoice> {
    if (invoice.status === InvoiceStatus.VOID) throw DuesError.invoiceVoid(invoice.number);
    if (invoice.status === InvoiceStatus.PAID) throw DuesError.invoiceAlreadyPaid(invoice.number);
    const outstanding = this.outstanding(invoice);
    if (amount > outstanding) throw DuesError.paymentExceedsOutstanding(invoice.number, outstanding);
    invoice.paidAmount += amount;
    const paid = invoice.paidAmount === invoice.amount;
    invoice.status = paid ? InvoiceStatus.PAID : InvoiceStatus.PARTIALLY_PAID;
    invoice.paidOn = paid ? paymentDate : null;
    await this.invoices.updatePayment(invoice);
    if (paid) await this.lifecycle.invoicePaid(invoice, paymentDate);
    if (paid) await this.events.publish('invoice.paid', { invoiceId: invoice.id, memberId: invoice.memberId, branchId: invoice.branchId, paidOn: paymentDate }, `invoice-paid.${invoice.id}.${randomUUID()}`);
    return invoice;
  }

  /**
   * Takes back `amount` applied earlier (a voided payment). A PAID invoice goes
   * back to PARTIALLY_PAID or OPEN and the membership steps back from ACTIVE if
   * its remaining payments no longer reach today. CONFLICT: UNAPPLY_EXCEEDS_PAID.
   */
  async unapplyPayment(invoiceId: string, amount: bigint): Promise<Invoice> {
    if (amount <= 0n) throw DuesError.amountNotPositive('amount');
    return this.tx.run(async () => {
      const invoice = await this.invoices.lockById(invoiceId);
      if (!invoice) throw DuesError.invoiceNotFound(invoiceId);
      if (amount > invoice.paidAmount) throw DuesError.unapplyExceedsPaid(invoice.number, invoice.paidAmount);
      const wasPaid = invoice.status === InvoiceStatus.PAID;
      invoice.paidAmount -= amount;
      invoice.status = invoice.paidAmount === 0n ? InvoiceStatus.OPEN : InvoiceStatus.PARTIALLY_PAID;
      invoice.paidOn = null;
      await this.invoices.updatePayment(invoice);
      if (wasPaid) await this.lifecycle.invoiceUnpaid(invoice);
      if (wasPaid) await this.events.publish('invoice.unpaid', { invoiceId: invoice.id, memberId: invoice.memberId, branchId: invoice.branchId }, `invoice-unpaid.${invoice.id}.${randomUUID()}`);
      return invoice;
    });
  }

  /** What is still owed on the invoice (0 for a void or paid one). */
  outstanding(invoice: Pick<Invoice, 'status' | 'amount' | 'paidAmount'>): bigint {
    return outstandingOf(invoice);
  }

  /** The invoices with these ids (any status), in id order; no lock. */
  async findInvoices(invoiceIds: string[]): Promise<Invoice[]> {
    return this.invoices.findByIds(invoiceIds);
  }

  /** A member's invoices still expecting money, oldest period first. */
  async unpaidInvoicesForMember(memberId: string): Promise<Invoice[]> {
    return this.invoices.unpaidForMember(memberId);
  }
}
