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

/** What a batch of bank lines may point at (reconciliation's matcher says which). */
export interface CandidateLookups {
  memberNumbers: string[];
  invoiceNumbers: string[];
  /** Members whose payer key (members.payer_key) is one of these. */
  keys: string[];
  /** Members whose payer key starts with one of these (a payer field cut at its width). */
  prefixes: string[];
  /** Members whose payer key's first word (members.payer_family) is one of these. */
  families: string[];
}

/** Members of the branch a key may find before it is no signal. */
export interface CandidateLimits {
  perKey: number;
  perPrefix: number;
  perFamily: number;
}

export interface Candidates {
  invoices: ExpectedInvoiceRow[];
  /** Lookups that found more members of the branch than their limit. */
  crowded: { keys: string[]; prefixes: string[]; families: string[] };
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

  /**
   * The open invoices of the members a batch of lines points at (all of each such member's open
   * invoices of the branch), and the keys that say nothing: a payer key, cut key or family shared by
   * more members of the branch than its limit is `crowded` and finds no one. One statement; every
   * lookup an index probe (members' number, and branch + payer key or family), a crowded key stops
   * counting at its limit, so a name shared by thousands costs a few index entries.
   */
  async candidates(branchId: string, lookups: CandidateLookups, limits: CandidateLimits): Promise<Candidates> {
    const open = `o.branch_id = $1 AND o.status IN ('OPEN', 'PARTIALLY_PAID')`;
    const hits = (values: string, where: string, limit: string) =>
      `SELECT k.v, c.n FROM unnest(${values}::text[]) AS k(v) CROSS JOIN LATERAL (SELECT count(*) AS n FROM (SELECT 1 FROM members m WHERE m.branch_id = $1 AND ${where} LIMIT ${limit}) x) c`;
    const rows: (RawRow & { crowded: 'KEY' | 'PREFIX' | 'FAMILY' | null; value: string | null })[] = await this.tx.manager.query(
      `WITH key_hits AS (${hits('$4', 'm.payer_key = k.v', '$7 + 1')}),
            prefix_hits AS (${hits('$5', 'm.payer_key >= k.v AND m.payer_key < k.v || chr(1114111)', '$8 + 1')}),
            family_hits AS (${hits('$6', 'm.payer_family = k.v', '$9 + 1')}),
            picked AS (
              SELECT m.id FROM members m WHERE m.member_number = ANY($2::text[])
              UNION SELECT o.member_id FROM dues_invoices o WHERE o.number = ANY($3::text[]) AND ${open}
              UNION SELECT m.id FROM key_hits h JOIN members m ON m.branch_id = $1 AND m.payer_key = h.v WHERE h.n <= $7
              UNION SELECT m.id FROM prefix_hits h JOIN members m ON m.branch_id = $1 AND m.payer_key >= h.v AND m.payer_key < h.v || chr(1114111) WHERE h.n <= $8
              UNION SELECT m.id FROM family_hits h JOIN members m ON m.branch_id = $1 AND m.payer_family = h.v WHERE h.n <= $9)
       SELECT o.id AS "invoiceId", o.number, o.member_id AS "memberId", m.member_number AS "memberNumber", m.name_kana AS "memberKana",
              (o.amount - o.paid_amount)::text AS outstanding, to_char(o.due_on, 'YYYY-MM-DD') AS "dueOn", o.currency, NULL AS crowded, NULL AS value
         FROM picked p JOIN dues_invoices o ON o.member_id = p.id JOIN members m ON m.id = o.member_id
        WHERE ${open}
       UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'KEY', v FROM key_hits WHERE n > $7
       UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'PREFIX', v FROM prefix_hits WHERE n > $8
       UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'FAMILY', v FROM family_hits WHERE n > $9`,
      [branchId, lookups.memberNumbers, lookups.invoiceNumbers, lookups.keys, lookups.prefixes, lookups.families, limits.perKey, limits.perPrefix, limits.perFamily],
    );
    const out: Candidates = { invoices: [], crowded: { keys: [], prefixes: [], families: [] } };
    for (const r of rows) {
      if (r.crowded === 'KEY') out.crowded.keys.push(r.value!);
      else if (r.crowded === 'PREFIX') out.crowded.prefixes.push(r.value!);
      else if (r.crowded === 'FAMILY') out.crowded.families.push(r.value!);
      else out.invoices.push(toRow(r));
    }
    return out;
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
