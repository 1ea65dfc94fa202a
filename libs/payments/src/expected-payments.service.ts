import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import { Invoice } from '#dues';
import { Member } from '#members';

/** An open invoice with what identifies its member on a bank line (for statement matching). */
export interface ExpectedInvoiceRow {
  invoiceId: string;
  number: string;
  memberId: string;
  memberNumber: string;
  memberKana: string;
  outstanding: bigint;
  dueOn: string;
  currency: string;
}

/**
 * What a branch expects money for: its open and partly paid invoices with their member's number
 * and kana name. Read by reconciliation (which may not depend on dues or members), streamed in
 * keyset batches so a million invoices never sit in one result.
 */
@Injectable()
export class ExpectedPayments {
  constructor(private readonly tx: TransactionService) {}

  async *openInvoicesOfBranch(branchId: string, batch = 20_000): AsyncGenerator<ExpectedInvoiceRow[]> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.query().andWhere('i.branchId = :branchId', { branchId }).andWhere('i.id > :after', { after }).orderBy('i.id').limit(batch).getRawMany<RawRow>();
      if (rows.length === 0) return;
      yield rows.map(toRow);
      after = rows[rows.length - 1].invoiceId;
      if (rows.length < batch) return;
    }
  }

  /** The given invoices (open or not), for a treasurer's own pick. */
  async invoices(ids: string[]): Promise<ExpectedInvoiceRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.query(false).andWhere('i.id IN (:...ids)', { ids }).getRawMany<RawRow>();
    return rows.map(toRow);
  }

  private query(openOnly = true) {
    const q = this.tx
      .manager
      .createQueryBuilder()
      .from(Invoice, 'i')
      .innerJoin(Member, 'm', 'm.id = i.memberId')
      .select([
        'i.id AS "invoiceId"',
        'i.number AS "number"',
        'i.memberId AS "memberId"',
        'm.memberNumber AS "memberNumber"',
        'm.nameKana AS "memberKana"',
        '(i.amount - i.paidAmount)::text AS "outstanding"',
        "to_char(i.dueOn, 'YYYY-MM-DD') AS \"dueOn\"",
        'i.currency AS "currency"',
      ]);
    return q.where(openOnly ? "i.status IN ('OPEN', 'PARTIALLY_PAID')" : 'TRUE');
  }
}

type RawRow = Omit<ExpectedInvoiceRow, 'outstanding'> & { outstanding: string };
const toRow = (r: RawRow): ExpectedInvoiceRow => ({ ...r, outstanding: BigInt(r.outstanding) });
