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
   * more members of the branch than its limit is `crowded` and finds no one. Two statements, each a
   * set of index probes: first the members (by number, invoice number, and per key at most limit + 1
   * entries of members' branch + payer key or family indexes, so a name shared by thousands costs a
   * few entries), then the open invoices of those members by member id.
   */
  async candidates(branchId: string, lookups: CandidateLookups, limits: CandidateLimits): Promise<Candidates> {
    const open = `o.branch_id = $1 AND o.status IN ('OPEN', 'PARTIALLY_PAID')`;
    // LATERAL … LIMIT per key: an index probe each, never a join the planner could turn into a scan of every member.
    const perKey = (kind: string, values: string, where: string, limit: string) =>
      `SELECT '${kind}' AS kind, k.v AS value, c.ids FROM unnest(${values}::text[]) AS k(v)
         CROSS JOIN LATERAL (SELECT array_agg(x.id) AS ids FROM (SELECT m.id FROM members m WHERE m.branch_id = $1 AND ${where} LIMIT ${limit} + 1) x) c`;
    const found: { kind: 'KEY' | 'PREFIX' | 'FAMILY' | 'NUMBER' | 'INVOICE'; value: string | null; ids: string[] | null }[] = await this.tx.manager.query(
      `${perKey('KEY', '$2', 'm.payer_key = k.v', '$5')}
       UNION ALL ${perKey('PREFIX', '$3', 'm.payer_key >= k.v AND m.payer_key < k.v || chr(1114111)', '$6')}
       UNION ALL ${perKey('FAMILY', '$4', 'm.payer_family = k.v', '$7')}
       UNION ALL SELECT 'NUMBER', NULL, array_agg(m.id) FROM members m WHERE m.member_number = ANY($8::text[])
       UNION ALL SELECT 'INVOICE', NULL, array_agg(o.member_id) FROM dues_invoices o WHERE o.number = ANY($9::text[]) AND ${open}`,
      [branchId, lookups.keys, lookups.prefixes, lookups.families, limits.perKey, limits.perPrefix, limits.perFamily, lookups.memberNumbers, lookups.invoiceNumbers],
    );
    const limit = { KEY: limits.perKey, PREFIX: limits.perPrefix, FAMILY: limits.perFamily, NUMBER: Infinity, INVOICE: Infinity };
    const crowded: Candidates['crowded'] = { keys: [], prefixes: [], families: [] };
    const list = { KEY: crowded.keys, PREFIX: crowded.prefixes, FAMILY: crowded.families };
    const memberIds = new Set<string>();
    for (const f of found) {
      const ids = f.ids ?? [];
      if (ids.length > limit[f.kind]) list[f.kind as keyof typeof list].push(f.value!);
      else for (const id of ids) memberIds.add(id);
    }
    if (memberIds.size === 0) return { invoices: [], crowded };
    const rows: RawRow[] = await this.tx.manager.query(
      `SELECT o.id AS "invoiceId", o.number, o.member_id AS "memberId", m.member_number AS "memberNumber", m.name_kana AS "memberKana",
              (o.amount - o.paid_amount)::text AS outstanding, to_char(o.due_on, 'YYYY-MM-DD') AS "dueOn", o.currency
         FROM dues_invoices o JOIN members m ON m.id = o.member_id
        WHERE o.member_id = ANY($2::uuid[]) AND ${open}`,
      [branchId, [...memberIds]],
    );
    return { invoices: rows.map(toRow), crowded };
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
