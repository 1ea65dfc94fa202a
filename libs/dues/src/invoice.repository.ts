import { Injectable } from '@nestjs/common';
import { PreparedStatements, TransactionService } from '#core';
import { InvoiceStatus, UNPAID_INVOICE_STATUSES } from './dues-enums.js';
import { groupBy } from './group-by.js';
import { Invoice } from './invoice.entity.js';
import type { RecognitionPolicy } from './recognition-policy.js';

/** Dues invoices in the current transaction. */
@Injectable()
export class InvoiceRepository {
  constructor(
    private readonly tx: TransactionService,
    private readonly statements: PreparedStatements,
  ) {}

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

  /**
   * Locks the rows (SELECT … FOR UPDATE) in id order, so concurrent lockers never deadlock. A named
   * (prepared) statement mapped by hand: every payment runs it, and TypeORM's query building and
   * hydration were a good part of its cost.
   */
  async lockByIds(ids: readonly string[]): Promise<Invoice[]> {
    if (ids.length === 0) return [];
    const rows = await this.statements.rows<InvoiceRow>(LOCK_BY_IDS_SQL, [[...new Set(ids)]]);
    return rows.map(invoiceOfRow);
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

/** Every column of dues_invoices, as the entity holds it (dates as YYYY-MM-DD text, amounts as text for BigInt). */
const LOCK_BY_IDS_SQL = `SELECT id, membership_id, member_id, branch_id, plan_id, fiscal_year, sequence, number,
        period_start::text, period_end::text, issued_on::text, due_on::text, currency,
        amount::text, federation_share::text, branch_share::text, prorated_months, paid_amount::text,
        status, paid_on::text, voided_at, void_reason, recognition, created_at, updated_at
   FROM dues_invoices WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`;

interface InvoiceRow {
  id: string;
  membership_id: string;
  member_id: string;
  branch_id: string;
  plan_id: string;
  fiscal_year: number;
  sequence: number;
  number: string;
  period_start: string;
  period_end: string;
  issued_on: string;
  due_on: string;
  currency: string;
  amount: string;
  federation_share: string;
  branch_share: string;
  prorated_months: number | null;
  paid_amount: string;
  status: InvoiceStatus;
  paid_on: string | null;
  voided_at: Date | null;
  void_reason: string | null;
  recognition: RecognitionPolicy;
  created_at: Date;
  updated_at: Date;
}

/** The entity TypeORM would have hydrated from the row. */
function invoiceOfRow(r: InvoiceRow): Invoice {
  return Object.assign(new Invoice(), {
    id: r.id,
    membershipId: r.membership_id,
    memberId: r.member_id,
    branchId: r.branch_id,
    planId: r.plan_id,
    fiscalYear: r.fiscal_year,
    sequence: r.sequence,
    number: r.number,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    issuedOn: r.issued_on,
    dueOn: r.due_on,
    currency: r.currency,
    amount: BigInt(r.amount),
    federationShare: BigInt(r.federation_share),
    branchShare: BigInt(r.branch_share),
    proratedMonths: r.prorated_months,
    paidAmount: BigInt(r.paid_amount),
    status: r.status,
    paidOn: r.paid_on,
    voidedAt: r.voided_at,
    voidReason: r.void_reason,
    recognition: r.recognition,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
}
