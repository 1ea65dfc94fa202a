import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import { InvoiceStatus, UNPAID_INVOICE_STATUSES } from './dues-enums.js';
import { groupBy } from './group-by.js';
import { Invoice } from './invoice.entity.js';

/** Dues invoices in the current transaction. */
@Injectable()
export class InvoiceRepository {
  constructor(private readonly tx: TransactionService) {}

  private get repo() {
    return this.tx.repository(Invoice);
  }

  async findById(id: string): Promise<Invoice | null> {
    return this.repo.findOne({ where: { id } });
  }

  /** By its number (TKY-2027-000042; dues_invoices_number_key). */
  async findByNumber(number: string): Promise<Invoice | null> {
    return this.repo.findOne({ where: { number } });
  }

  async findByIds(ids: readonly string[]): Promise<Invoice[]> {
    if (ids.length === 0) return [];
    return this.repo.createQueryBuilder('i').where('i.id = ANY(:ids)', { ids }).orderBy('i.id').getMany();
  }

  /** Locks the rows (SELECT … FOR UPDATE) in id order, so concurrent lockers never deadlock. */
  async lockByIds(ids: readonly string[]): Promise<Invoice[]> {
    if (ids.length === 0) return [];
    return this.repo
      .createQueryBuilder('i')
      .where('i.id = ANY(:ids)', { ids: [...new Set(ids)] })
      .orderBy('i.id')
      .setLock('pessimistic_write')
      .getMany();
  }

  async lockById(id: string): Promise<Invoice | null> {
    return (await this.lockByIds([id]))[0] ?? null;
  }

  async unpaidForMember(memberId: string): Promise<Invoice[]> {
    return this.repo
      .createQueryBuilder('i')
      .where('i.member_id = :memberId', { memberId })
      .andWhere('i.status IN (:...statuses)', { statuses: UNPAID_INVOICE_STATUSES })
      .orderBy('i.period_start')
      .addOrderBy('i.id')
      .getMany();
  }

  async forMembership(membershipId: string): Promise<Invoice[]> {
    return this.repo.find({ where: { membershipId }, order: { periodStart: 'ASC' } });
  }

  /** The invoices of many memberships in one query, by period (then id), grouped by membership. */
  async forMemberships(membershipIds: readonly string[]): Promise<Map<string, Invoice[]>> {
    const rows = membershipIds.length
      ? await this.repo
          .createQueryBuilder('i')
          .where('i.membership_id = ANY(:ids)', { ids: [...new Set(membershipIds)] })
          .orderBy('i.period_start', 'ASC')
          .addOrderBy('i.id', 'ASC')
          .getMany()
      : [];
    return groupBy(rows, (i) => i.membershipId);
  }

  /** The end of the latest period paid in full, or null. */
  async paidThrough(membershipId: string): Promise<string | null> {
    const [row] = await this.tx.manager.query(
      `SELECT max(period_end)::text AS paid_through FROM dues_invoices WHERE membership_id = $1 AND status = $2`,
      [membershipId, InvoiceStatus.PAID],
    );
    return (row?.paid_through as string | null) ?? null;
  }

  async insert(invoice: Invoice): Promise<Invoice> {
    await this.repo.insert(invoice);
    // insert() merges the columns the database defaulted (paid_amount …) back untransformed: keep them bigint.
    for (const key of ['amount', 'federationShare', 'branchShare', 'paidAmount'] as const) invoice[key] = BigInt(invoice[key]);
    return invoice;
  }

  async save(invoice: Invoice): Promise<Invoice> {
    return this.repo.save(invoice);
  }

  async markVoid(invoice: Invoice): Promise<void> {
    await this.repo.update({ id: invoice.id }, { status: invoice.status, voidedAt: invoice.voidedAt, voidReason: invoice.voidReason });
  }

  async updatePayment(invoice: Invoice): Promise<void> {
    await this.repo.update(
      { id: invoice.id },
      { paidAmount: invoice.paidAmount, status: invoice.status, paidOn: invoice.paidOn },
    );
  }

  /** Per branch, what its ACCRUAL invoices still owe (the sub-ledger of 未収会費). */
  async openAccruedByBranch(): Promise<Map<string, bigint>> {
    const rows: { branch_id: string; open: string }[] = await this.tx.manager.query(
      `SELECT branch_id, sum(amount - paid_amount)::text AS open FROM dues_invoices
        WHERE recognition = 'ACCRUAL' AND status IN ('OPEN', 'PARTIALLY_PAID') GROUP BY branch_id`,
    );
    return new Map(rows.map((r) => [r.branch_id, BigInt(r.open)]));
  }
}
