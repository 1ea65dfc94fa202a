import { Injectable } from '@nestjs/common';
import { Clock, TransactionService } from '#core';
import { type Actor, BRANCH_WRITERS, requireBranch } from '#auth';
import { AuditLog } from '#audit';
import { DuesError } from './dues.errors.js';
import { InvoiceStatus } from './dues-enums.js';
import { DuesLedger } from './dues-ledger.js';
import type { Invoice } from './invoice.entity.js';
import { InvoiceRepository } from './invoice.repository.js';
import { RecognitionPolicy } from './recognition-policy.js';

/**
 * Voiding a dues invoice: it keeps its number (no gap); an accrued invoice's share of the
 * entry that accrued it is reversed (an ON_RECEIPT invoice posted nothing: nothing to reverse). An invoice with money applied cannot be voided (CONFLICT): void the payment first.
 */
@Injectable()
export class InvoiceVoiding {
  constructor(
    private readonly tx: TransactionService,
    private readonly invoices: InvoiceRepository,
    private readonly ledger: DuesLedger,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async voidInvoice(actor: Actor, input: { invoiceId: string; reason: string }): Promise<Invoice> {
    return this.tx.run(async () => {
      const invoice = await this.invoices.lockById(input.invoiceId);
      if (!invoice) throw DuesError.invoiceNotFound(input.invoiceId);
      requireBranch(actor, invoice.branchId, BRANCH_WRITERS);
      if (invoice.status === InvoiceStatus.PAID) throw DuesError.invoiceAlreadyPaid(invoice.number);
      if (invoice.status === InvoiceStatus.PARTIALLY_PAID) throw DuesError.invoicePartiallyPaid(invoice.number);
      if (invoice.status === InvoiceStatus.VOID) throw DuesError.invoiceVoid(invoice.number);
      return this.voidLocked(actor, invoice, input.reason);
    });
  }

  /** Voids the membership's invoices with nothing paid (on cancellation); returns them. */
  async voidUnpaidOfMembership(actor: Actor, membershipId: string, reason: string): Promise<Invoice[]> {
    const ids = (await this.invoices.forMembership(membershipId)).filter((i) => i.status === InvoiceStatus.OPEN).map((i) => i.id);
    const locked = await this.invoices.lockByIds(ids);
    const voided: Invoice[] = [];
    for (const invoice of locked) if (invoice.status === InvoiceStatus.OPEN) voided.push(await this.voidLocked(actor, invoice, reason));
    return voided;
  }

  private async voidLocked(actor: Actor, invoice: Invoice, reason: string): Promise<Invoice> {
    const before = { status: invoice.status };
    invoice.status = InvoiceStatus.VOID;
    invoice.voidedAt = this.clock.now();
    invoice.voidReason = reason;
    await this.invoices.markVoid(invoice);
    if (invoice.recognition === RecognitionPolicy.ACCRUAL) await this.ledger.reverseInvoice(invoice, this.clock.today(), reason);
    await this.audit.record(actor, {
      action: 'duesInvoice.void',
      entityType: 'DuesInvoice',
      entityId: invoice.id,
      branchId: invoice.branchId,
      before,
      after: { status: invoice.status, number: invoice.number, reason },
    });
    return invoice;
  }
}
