import { Injectable } from '@nestjs/common';
import { TransactionService, decodeCursor, encodeCursor, type Page } from '#core';
import type { DonationChannel, DonationDisputeStatus, DonationLanguage, DonationMethod, DonationStatus, ReceiptPreference } from './donation-enums.js';

export interface Donation {
  id: string;
  donorId: string;
  memberId: string | null;
  fundId: string;
  branchId: string | null;
  bookId: string;
  amount: bigint;
  currency: string;
  fee: bigint;
  method: DonationMethod | null;
  channel: DonationChannel;
  status: DonationStatus;
  refundedAmount: bigint;
  /** The latest dispute of its charge: OPEN, WON or LOST; null when never disputed. */
  disputeStatus: DonationDisputeStatus | null;
  anonymous: boolean;
  receiptPreference: ReceiptPreference;
  receivedOn: string | null;
  language: DonationLanguage;
  checkoutSessionId: string | null;
  checkoutUrl: string | null;
  paymentIntentId: string | null;
  konbiniExpiresAt: Date | null;
  monthlyGiftId: string | null;
  journalEntryId: string | null;
  reference: string | null;
  memo: string | null;
  createdAt: Date;
}

const COLUMNS = `id, donor_id AS "donorId", member_id AS "memberId", fund_id AS "fundId", branch_id AS "branchId", book_id AS "bookId",
  amount::text AS amount, currency, fee::text AS fee, method, channel, status, refunded_amount::text AS "refundedAmount", dispute_status AS "disputeStatus", anonymous,
  receipt_preference AS "receiptPreference", to_char(received_on, 'YYYY-MM-DD') AS "receivedOn", language, checkout_session_id AS "checkoutSessionId",
  checkout_url AS "checkoutUrl", payment_intent_id AS "paymentIntentId", konbini_expires_at AS "konbiniExpiresAt", monthly_gift_id AS "monthlyGiftId",
  journal_entry_id AS "journalEntryId", reference, memo, created_at AS "createdAt"`;

function toDonation(r: Record<string, any>): Donation {
  const { cursorAt: _cursor, ...rest } = r;
  return { ...rest, amount: BigInt(r.amount), fee: BigInt(r.fee), refundedAmount: BigInt(r.refundedAmount) } as Donation;
}

export type NewDonation = Pick<Donation, 'donorId' | 'memberId' | 'fundId' | 'branchId' | 'bookId' | 'amount' | 'channel' | 'status' | 'anonymous' | 'receiptPreference' | 'language'> &
  Partial<Pick<Donation, 'method' | 'fee' | 'receivedOn' | 'paymentIntentId' | 'monthlyGiftId' | 'reference' | 'memo'>> & { idempotencyKey?: string | null; recordedBy?: string | null };

export interface DonationFilter {
  /** 'ALL', or the branches whose donations (credited to them, or to their book's funds) to show. */
  branchScope: 'ALL' | string[];
  fundId?: string | null;
  donorMemberId?: string | null;
  status?: DonationStatus | null;
}

/** The donations table, in the caller's transaction. */
@Injectable()
export class DonationRepository {
  constructor(private readonly tx: TransactionService) {}

  async findById(id: string): Promise<Donation | null> {
    const [row] = await this.tx.manager.query(`SELECT ${COLUMNS} FROM donations WHERE id = $1`, [id]);
    return row ? toDonation(row) : null;
  }

  async lock(id: string): Promise<Donation | null> {
    const [row] = await this.tx.manager.query(`SELECT ${COLUMNS} FROM donations WHERE id = $1 FOR UPDATE`, [id]);
    return row ? toDonation(row) : null;
  }

  async findByPaymentIntent(paymentIntentId: string): Promise<Donation | null> {
    const [row] = await this.tx.manager.query(`SELECT ${COLUMNS} FROM donations WHERE payment_intent_id = $1`, [paymentIntentId]);
    return row ? toDonation(row) : null;
  }

  async findByIdempotencyKey(key: string): Promise<Donation | null> {
    const [row] = await this.tx.manager.query(`SELECT ${COLUMNS} FROM donations WHERE idempotency_key = $1`, [key]);
    return row ? toDonation(row) : null;
  }

  /** Inserts; null when the idempotency key or payment intent is already there (the caller reads the first). */
  async insertIfAbsent(d: NewDonation): Promise<Donation | null> {
    const rows = await this.tx.manager.query(
      `INSERT INTO donations (donor_id, member_id, fund_id, branch_id, book_id, amount, fee, method, channel, status, anonymous, receipt_preference,
         received_on, language, payment_intent_id, monthly_gift_id, reference, memo, idempotency_key, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
       ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [
        d.donorId, d.memberId, d.fundId, d.branchId, d.bookId, d.amount.toString(), (d.fee ?? 0n).toString(), d.method ?? null, d.channel, d.status, d.anonymous,
        d.receiptPreference, d.receivedOn ?? null, d.language, d.paymentIntentId ?? null, d.monthlyGiftId ?? null, d.reference ?? null, d.memo ?? null,
        d.idempotencyKey ?? null, d.recordedBy ?? null,
      ],
    );
    return rows[0] ? toDonation(rows[0]) : null;
  }

  async update(id: string, set: Record<string, unknown>): Promise<void> {
    const columns = Object.keys(set);
    if (columns.length === 0) return;
    const assignments = columns.map((c, i) => `${c} = $${i + 2}`).join(', ');
    await this.tx.manager.query(`UPDATE donations SET ${assignments}, updated_at = now() WHERE id = $1`, [id, ...columns.map((c) => set[c])]);
  }

  /** Newest first, keyset on (created_at, id). */
  async page(filter: DonationFilter, first: number, after?: string | null): Promise<Page<Donation>> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.branchScope !== 'ALL') {
      params.push(filter.branchScope);
      where.push(`(d.branch_id = ANY($${params.length}::uuid[]) OR f.branch_id = ANY($${params.length}::uuid[]))`);
    }
    if (filter.fundId) where.push(`d.fund_id = $${params.push(filter.fundId)}`);
    if (filter.donorMemberId) where.push(`d.member_id = $${params.push(filter.donorMemberId)}`);
    if (filter.status) where.push(`d.status = $${params.push(filter.status)}`);
    if (after) {
      const [at, id] = decodeCursor(after, ['timestamp', 'uuid']);
      where.push(`(d.created_at, d.id) < ($${params.push(at)}::timestamptz, $${params.push(id)}::uuid)`);
    }
    params.push(first + 1);
    const rows: Record<string, any>[] = await this.tx.manager.query(
      `SELECT ${COLUMNS}, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt" FROM (SELECT d.* FROM donations d JOIN funds f ON f.id = d.fund_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.created_at DESC, d.id DESC LIMIT $${params.length}) donations ORDER BY created_at DESC, id DESC`,
      params,
    );
    const edges = rows.slice(0, first).map((r) => ({ node: toDonation(r), cursor: encodeCursor([r.cursorAt, r.id]) }));
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /** Money of a fund: given, refunded, number of donations (succeeded or refunded). */
  async fundTotals(fundIds: readonly string[]): Promise<Map<string, { given: bigint; refunded: bigint; count: number }>> {
    const rows: { fund_id: string; given: string; refunded: string; n: number }[] = await this.tx.manager.query(
      `SELECT fund_id, sum(amount)::text AS given, sum(refunded_amount)::text AS refunded, count(*)::int AS n FROM donations
        WHERE fund_id = ANY($1::uuid[]) AND status IN ('SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED', 'DISPUTED') GROUP BY fund_id`,
      [fundIds],
    );
    return new Map(rows.map((r) => [r.fund_id, { given: BigInt(r.given), refunded: BigInt(r.refunded), count: r.n }]));
  }

  /** A fund's succeeded gifts for a public list, newest first: anonymous donors unnamed. */
  async publicList(fundId: string, limit: number): Promise<{ donorName: string | null; amount: bigint; currency: string; receivedOn: string }[]> {
    const rows: { name: string | null; amount: string; currency: string; received_on: string }[] = await this.tx.manager.query(
      `SELECT CASE WHEN d.anonymous THEN NULL ELSE o.name_kanji END AS name, (d.amount - d.refunded_amount)::text AS amount, d.currency, to_char(d.received_on, 'YYYY-MM-DD') AS received_on
         FROM donations d JOIN donors o ON o.id = d.donor_id
        WHERE d.fund_id = $1 AND d.status IN ('SUCCEEDED', 'PARTIALLY_REFUNDED')
        ORDER BY d.received_on DESC, d.id DESC LIMIT $2`,
      [fundId, limit],
    );
    return rows.map((r) => ({ donorName: r.name, amount: BigInt(r.amount), currency: r.currency, receivedOn: r.received_on }));
  }
}
