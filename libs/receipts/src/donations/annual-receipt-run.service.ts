import { Injectable, Logger } from '@nestjs/common';
import { Clock, OutboxService, TransactionService } from '#core';
import { Role, type Actor } from '#auth';
import { AuditLog } from '#audit';
import { ReceiptsError } from '../receipts.errors.js';
import { ReceiptKind } from '../receipt-kind.js';
import { DONOR_YEAR_SOURCE, annualPurpose } from './gift-receipt-drafts.js';
import { GiftReceiptSources } from './gift-receipt-sources.service.js';

/** Donors per transaction: one counter lock, one INSERT … SELECT, one outbox statement each. */
export const ANNUAL_BATCH = 500;

export interface AnnualRunResult {
  year: number;
  /** Annual receipts issued by this run. */
  issued: number;
  /** Donors of the year whose annual receipt was issued before (by an earlier or a concurrent run). */
  alreadyIssued: number;
}

/**
 * The annual 寄附金受領証明書: one per donor and issuing book for a calendar year (January–December,
 * whatever the fiscal year), listing every ANNUAL gift with what is not refunded of it. Set-based:
 * per book, batches of donors are numbered and inserted by one statement under the counter's lock,
 * their renders queued by another. Idempotent: a donor who has any annual receipt for the year is
 * skipped, so a second run (or two at once: the counter lock orders them, and each batch reads what
 * the one before committed) issues nothing more; a run killed half-way resumes where it stopped.
 */
@Injectable()
export class AnnualReceiptRun {
  private readonly logger = new Logger(AnnualReceiptRun.name);

  constructor(
    private readonly tx: TransactionService,
    private readonly outbox: OutboxService,
    private readonly sources: GiftReceiptSources,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** The calendar year before today's (Asia/Tokyo): what the January run covers. */
  previousYear(): number {
    return Number(this.clock.today().slice(0, 4)) - 1;
  }

  /** Donors of the year still without an annual receipt (the CLI's progress bar total). */
  async pending(year: number): Promise<number> {
    const [row] = (await this.tx.manager.query(
      `SELECT count(*)::int AS n FROM (SELECT DISTINCT g.book_id, g.donor_id FROM receipt_gifts g
        WHERE g.receipt_preference = 'ANNUAL' AND g.received_on BETWEEN $1::date AND $2::date AND g.amount > g.refunded_amount
          AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.source_type = $3 AND r.source_id = g.book_id::text || '.' || g.donor_id::text || '.' || $4::text)) d`,
      [`${year}-01-01`, `${year}-12-31`, DONOR_YEAR_SOURCE, year],
    )) as { n: number }[];
    return row.n;
  }

  /**
   * The run a person asks for (runAnnualDonationReceipts, `receipts:annual --as`): a federation admin's only
   * (FORBIDDEN otherwise), recorded in the audit log under their name.
   */
  async runAs(actor: Actor, year: number, progress?: (issued: number) => void): Promise<AnnualRunResult> {
    if (!actor.has(Role.FEDERATION_ADMIN)) throw ReceiptsError.annualRunNeedsAdmin();
    const result = await this.run(year, progress);
    await this.audit.record(actor, { action: 'receipts.annualRun', entityType: 'AnnualReceiptRun', entityId: String(year), after: { issued: result.issued, alreadyIssued: result.alreadyIssued } });
    return result;
  }

  async run(year: number, progress: (issued: number) => void = () => {}): Promise<AnnualRunResult> {
    const before = await this.donors(year);
    let issued = 0;
    for (const bookId of await this.books(year)) {
      const office = await this.sources.office(bookId);
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const batch = await this.tx.run(() => this.issueBatch(bookId, office, year, after));
        if (batch.donors.length === 0) break;
        issued += batch.donors.length;
        after = batch.donors[batch.donors.length - 1];
        progress(batch.donors.length);
      }
    }
    this.logger.log(`annual receipts ${year}: ${issued} issued`);
    return { year, issued, alreadyIssued: before - issued };
  }

  private async books(year: number): Promise<string[]> {
    const rows = (await this.tx.manager.query(
      `SELECT DISTINCT book_id FROM receipt_gifts WHERE receipt_preference = 'ANNUAL' AND received_on BETWEEN $1::date AND $2::date ORDER BY book_id`,
      [`${year}-01-01`, `${year}-12-31`],
    )) as { book_id: string }[];
    return rows.map((r) => r.book_id);
  }

  private async donors(year: number): Promise<number> {
    const [row] = (await this.tx.manager.query(
      `SELECT count(*)::int AS n FROM (SELECT DISTINCT book_id, donor_id FROM receipt_gifts
        WHERE receipt_preference = 'ANNUAL' AND received_on BETWEEN $1::date AND $2::date AND amount > refunded_amount) d`,
      [`${year}-01-01`, `${year}-12-31`],
    )) as { n: number }[];
    return row.n;
  }

  /** One batch of the book's donors after `after` (by id), in the caller's transaction: the donor ids issued. */
  private async issueBatch(bookId: string, office: { nameJa: string; branchId: string | null }, year: number, after: string): Promise<{ donors: string[] }> {
    const kind = ReceiptKind.ANNUAL_DONATION;
    // The counter row first, locked until commit: a concurrent run waits here, then its next statement sees this batch.
    const [counter] = (await this.tx.manager.query(
      `INSERT INTO receipt_counters (book_id, year, kind, last_sequence) VALUES ($1, $2, $3, 0)
       ON CONFLICT (book_id, year, kind) DO UPDATE SET last_sequence = receipt_counters.last_sequence RETURNING last_sequence`,
      [bookId, year, kind],
    )) as { last_sequence: number }[];
    const rows = (await this.tx.manager.query(
      `WITH donors AS (
         SELECT g.donor_id FROM receipt_gifts g
          WHERE g.book_id = $1 AND g.receipt_preference = 'ANNUAL' AND g.received_on BETWEEN $2::date AND $3::date
            AND g.amount > g.refunded_amount AND g.donor_id > $4::uuid
            AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.source_type = $5 AND r.source_id = $1::text || '.' || g.donor_id::text || '.' || $6::text)
          GROUP BY g.donor_id ORDER BY g.donor_id LIMIT $7
       ), gifts AS (
         SELECT g.*, row_number() OVER (PARTITION BY g.donor_id ORDER BY g.received_on DESC, g.created_at DESC, g.donation_id DESC) AS recency
           FROM receipt_gifts g JOIN donors d ON d.donor_id = g.donor_id
          WHERE g.book_id = $1 AND g.receipt_preference = 'ANNUAL' AND g.received_on BETWEEN $2::date AND $3::date AND g.amount > g.refunded_amount
       ), per_donor AS (
         SELECT donor_id,
                sum(amount - refunded_amount) AS total,
                count(*)::int AS gifts,
                max(received_on) AS last_received,
                jsonb_agg(jsonb_build_object('donationId', donation_id, 'receivedOn', to_char(received_on, 'YYYY-MM-DD'), 'amount', (amount - refunded_amount)::text,
                          'fundNameJa', fund_name_ja, 'fundNameEn', fund_name_en) ORDER BY received_on, created_at, donation_id) AS lines,
                (array_agg(member_id ORDER BY recency) FILTER (WHERE member_id IS NOT NULL))[1] AS member_id,
                (array_agg(donor_email ORDER BY recency) FILTER (WHERE donor_email IS NOT NULL))[1] AS email,
                min(donor_name_kanji) FILTER (WHERE recency = 1) AS name,
                min(donor_postal_code) FILTER (WHERE recency = 1) AS postal_code,
                min(donor_address) FILTER (WHERE recency = 1) AS address,
                min(language) FILTER (WHERE recency = 1) AS language
           FROM gifts GROUP BY donor_id
       ), numbered AS (
         SELECT p.*, $8::int + row_number() OVER (ORDER BY donor_id)::int AS sequence FROM per_donor p
       )
       INSERT INTO receipts (book_id, kind, year, sequence, number, status, source_type, source_id, member_id, branch_id, recipient_name,
                             recipient_postal_code, recipient_address, recipient_email, recipient_is_member, locale, amount, currency,
                             purpose, office, received_on, issued_on, lines)
       SELECT $1, $9, $6::int, n.sequence, 'A' || $6::text || '-' || lpad(n.sequence::text, greatest(6, length(n.sequence::text)), '0'), 'ISSUED', $5,
              $1::text || '.' || n.donor_id::text || '.' || $6::text, n.member_id, $10::uuid, n.name, n.postal_code, n.address, n.email,
              n.member_id IS NOT NULL, n.language, n.total, 'JPY', $11::text || n.gifts::text || '件)', $12, n.last_received, $13::date, n.lines
         FROM numbered n ORDER BY n.sequence
       RETURNING id, source_id`,
      [
        bookId,
        `${year}-01-01`,
        `${year}-12-31`,
        after,
        DONOR_YEAR_SOURCE,
        year,
        ANNUAL_BATCH,
        counter.last_sequence,
        kind,
        office.branchId,
        annualPurpose(year, 0).replace(/0件\)$/, ''),
        office.nameJa,
        this.clock.today(),
      ],
    )) as { id: string; source_id: string }[];
    if (rows.length === 0) return { donors: [] };
    await this.tx.manager.query(`UPDATE receipt_counters SET last_sequence = last_sequence + $4 WHERE book_id = $1 AND year = $2 AND kind = $3`, [bookId, year, kind, rows.length]);
    await this.outbox.enqueueMany('receipt.render', rows.map((r) => ({ payload: { receiptId: r.id }, jobId: `receipt-render-${r.id}` })));
    return { donors: rows.map((r) => r.source_id.split('.')[1]).sort() };
  }
}
