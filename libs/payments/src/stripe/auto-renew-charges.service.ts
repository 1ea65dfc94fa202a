import { Injectable } from '@nestjs/common';
import { AppError, TransactionService } from '#core';
import { BRANCH_STAFF, Role, type Actor } from '#auth';
import { InvoiceSettlement } from '#dues';
import { AutoRenewCharge } from './auto-renew-charge.entity.js';

/** Reading the auto-renew attempts of an invoice: its member, or staff of the branch that issued it. */
@Injectable()
export class AutoRenewCharges {
  constructor(
    private readonly tx: TransactionService,
    private readonly invoices: InvoiceSettlement,
  ) {}

  async forInvoice(actor: Actor, invoiceId: string): Promise<AutoRenewCharge[]> {
    const [invoice] = await this.invoices.findInvoices([invoiceId]);
    const own = !!invoice && actor.has(Role.MEMBER) && actor.memberId === invoice.memberId;
    if (!invoice || (!own && !actor.canActOnBranch(invoice.branchId, BRANCH_STAFF))) throw AppError.notFound('Invoice', invoiceId);
    return this.tx.repository(AutoRenewCharge).find({ where: { invoiceId }, order: { attempt: 'ASC' } });
  }
}
