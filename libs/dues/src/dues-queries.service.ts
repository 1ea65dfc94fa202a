import { Injectable } from '@nestjs/common';
import { AppError, TransactionService, keysetPage, type Page } from '#core';
import { type Actor, BRANCH_STAFF, Role, requireBranch } from '#auth';
import { DuesError } from './dues.errors.js';
import type { InvoiceStatus } from './dues-enums.js';
import { Invoice } from './invoice.entity.js';
import { InvoiceRepository } from './invoice.repository.js';
import { canReadMember } from './membership-access.js';
import type { MembershipStatus } from './membership-status.js';
import { Membership } from './membership.entity.js';
import { MembershipRepository } from './membership.repository.js';

/** Reading memberships and invoices, branch-scoped (members read their own). */
@Injectable()
export class DuesQueries {
  constructor(
    private readonly tx: TransactionService,
    private readonly memberships: MembershipRepository,
    private readonly invoices: InvoiceRepository,
  ) {}

  async membership(actor: Actor, id: string): Promise<Membership> {
    const membership = await this.memberships.findById(id);
    if (!membership || !canReadMember(actor, membership)) throw DuesError.membershipNotFound(id);
    return membership;
  }

  /** Memberships of a branch (or the member's own), by id (memberships_branch_idx). */
  async membershipPage(actor: Actor, filter: { branchId?: string | null; status?: MembershipStatus | null }, page: { first: number; after?: string }): Promise<Page<Membership>> {
    const qb = this.tx.repository(Membership).createQueryBuilder('m');
    if (filter.branchId) {
      requireBranch(actor, filter.branchId, BRANCH_STAFF);
      qb.andWhere('m.branch_id = :branchId', { branchId: filter.branchId });
    } else {
      const scope = actor.branchScope(BRANCH_STAFF);
      if (scope !== 'ALL') {
        if (scope.length === 0 && !actor.memberId) throw AppError.forbidden();
        qb.andWhere(`(m.branch_id = ANY(:scope) OR m.member_id = :self)`, { scope, self: actor.has(Role.MEMBER) ? actor.memberId : null });
      }
    }
    if (filter.status) qb.andWhere('m.status = :status', { status: filter.status });
    return keysetPage(qb, [{ expression: 'm.id', value: (m) => m.id }], page);
  }

  /**
   * Of a membership's invoices (batched by MembershipLoaders), those the caller may read. An
   * invoice is read by the staff of the branch that issued it (its receivable is in that book),
   * federation-wide roles and the member: after a transfer the new branch sees the invoices it
   * issued, the former branch its own (duesInvoice agrees).
   */
  readableInvoices(actor: Actor, invoices: readonly Invoice[]): Invoice[] {
    return invoices.filter((i) => canReadMember(actor, i));
  }

  /** One invoice, for the readers above; NOT_FOUND for anyone else. */
  async invoice(actor: Actor, id: string): Promise<Invoice> {
    const invoice = await this.invoices.findById(id);
    if (!invoice || !canReadMember(actor, invoice)) throw DuesError.invoiceNotFound(id);
    return invoice;
  }

  /** One invoice by its number (TKY-2027-000042), for the same readers; BAD_USER_INPUT on `field` for anyone else. */
  async invoiceByNumber(actor: Actor, number: string, field: string): Promise<Invoice> {
    const invoice = await this.invoices.findByNumber(number);
    if (!invoice || !canReadMember(actor, invoice)) throw DuesError.invoiceNotFoundAt(field, number);
    return invoice;
  }

  /** A branch's invoices of a fiscal year in number order (dues_invoices_branch_year_sequence_key). */
  async invoicePage(
    actor: Actor,
    filter: { branchId: string; fiscalYear: number; status?: InvoiceStatus | null },
    page: { first: number; after?: string },
  ): Promise<Page<Invoice>> {
    requireBranch(actor, filter.branchId, BRANCH_STAFF);
    const qb = this.tx
      .repository(Invoice)
      .createQueryBuilder('i')
      .where('i.branch_id = :branchId AND i.fiscal_year = :fiscalYear', { branchId: filter.branchId, fiscalYear: filter.fiscalYear });
    if (filter.status) qb.andWhere('i.status = :status', { status: filter.status });
    return keysetPage(qb, [{ expression: 'i.sequence', value: (i) => i.sequence }], page);
  }
}
