import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import type { DonationLanguage, MonthlyGiftStatus, ReceiptPreference } from './donation-enums.js';

export interface MonthlyGift {
  id: string;
  donorId: string;
  memberId: string;
  fundId: string;
  branchId: string | null;
  amount: bigint;
  currency: string;
  status: MonthlyGiftStatus;
  anonymous: boolean;
  receiptPreference: ReceiptPreference;
  dayOfMonth: number;
  nextChargeOn: string | null;
  customerId: string | null;
  paymentMethodId: string | null;
  checkoutSessionId: string | null;
  checkoutUrl: string | null;
  pausedReason: string | null;
  language: DonationLanguage;
  createdAt: Date;
}

export type MonthlyChargeStatus = 'CHARGING' | 'SUCCEEDED' | 'DECLINED' | 'REQUIRES_ACTION' | 'GAVE_UP';

export interface MonthlyGiftCharge {
  id: string;
  monthlyGiftId: string;
  period: string;
  attempts: number;
  amount: bigint;
  status: MonthlyChargeStatus;
  paymentIntentId: string | null;
  firstAttemptOn: string;
  nextRetryOn: string | null;
  lastError: string | null;
  donationId: string | null;
}

const GIFT = `id, donor_id AS "donorId", member_id AS "memberId", fund_id AS "fundId", branch_id AS "branchId", amount::text AS amount, currency, status, anonymous,
  receipt_preference AS "receiptPreference", day_of_month AS "dayOfMonth", to_char(next_charge_on, 'YYYY-MM-DD') AS "nextChargeOn", customer_id AS "customerId",
  payment_method_id AS "paymentMethodId", checkout_session_id AS "checkoutSessionId", checkout_url AS "checkoutUrl", paused_reason AS "pausedReason", language, created_at AS "createdAt"`;
const CHARGE = `id, monthly_gift_id AS "monthlyGiftId", period, attempts, amount::text AS amount, status, payment_intent_id AS "paymentIntentId",
  to_char(first_attempt_on, 'YYYY-MM-DD') AS "firstAttemptOn", to_char(next_retry_on, 'YYYY-MM-DD') AS "nextRetryOn", last_error AS "lastError", donation_id AS "donationId"`;

const gift = (r: Record<string, any>): MonthlyGift => ({ ...r, amount: BigInt(r.amount) }) as MonthlyGift;
const charge = (r: Record<string, any>): MonthlyGiftCharge => ({ ...r, amount: BigInt(r.amount) }) as MonthlyGiftCharge;

export interface DueCharge {
  monthlyGiftId: string;
  period: string;
  attempt: number;
}

/** monthly_gifts and monthly_gift_charges, in the caller's transaction. */
@Injectable()
export class MonthlyGiftRepository {
  constructor(private readonly tx: TransactionService) {}

  async findById(id: string): Promise<MonthlyGift | null> {
    const [row] = await this.tx.manager.query(`SELECT ${GIFT} FROM monthly_gifts WHERE id = $1`, [id]);
    return row ? gift(row) : null;
  }

  async lock(id: string): Promise<MonthlyGift | null> {
    const [row] = await this.tx.manager.query(`SELECT ${GIFT} FROM monthly_gifts WHERE id = $1 FOR UPDATE`, [id]);
    return row ? gift(row) : null;
  }

  async insert(g: Pick<MonthlyGift, 'donorId' | 'memberId' | 'fundId' | 'branchId' | 'amount' | 'anonymous' | 'receiptPreference' | 'dayOfMonth' | 'customerId' | 'language'>): Promise<MonthlyGift> {
    const [row] = await this.tx.manager.query(
      `INSERT INTO monthly_gifts (donor_id, member_id, fund_id, branch_id, amount, status, anonymous, receipt_preference, day_of_month, customer_id, language)
       VALUES ($1, $2, $3, $4, $5, 'PENDING_SETUP', $6, $7, $8, $9, $10) RETURNING ${GIFT}`,
      [g.donorId, g.memberId, g.fundId, g.branchId, g.amount.toString(), g.anonymous, g.receiptPreference, g.dayOfMonth, g.customerId, g.language],
    );
    return gift(row);
  }

  async update(id: string, set: Record<string, unknown>): Promise<void> {
    const columns = Object.keys(set);
    const assignments = columns.map((c, i) => `${c} = $${i + 2}`).join(', ');
    await this.tx.manager.query(`UPDATE monthly_gifts SET ${assignments}, updated_at = now() WHERE id = $1`, [id, ...columns.map((c) => set[c])]);
  }

  async listForMember(memberId: string): Promise<MonthlyGift[]> {
    const rows = await this.tx.manager.query(`SELECT ${GIFT} FROM monthly_gifts WHERE member_id = $1 ORDER BY created_at, id`, [memberId]);
    return rows.map(gift);
  }

  async lockCharge(giftId: string, period: string): Promise<MonthlyGiftCharge | null> {
    const [row] = await this.tx.manager.query(`SELECT ${CHARGE} FROM monthly_gift_charges WHERE monthly_gift_id = $1 AND period = $2 FOR UPDATE`, [giftId, period]);
    return row ? charge(row) : null;
  }

  async insertCharge(c: Pick<MonthlyGiftCharge, 'monthlyGiftId' | 'period' | 'attempts' | 'amount' | 'status' | 'firstAttemptOn'> & { paymentIntentId?: string | null }): Promise<MonthlyGiftCharge> {
    const [row] = await this.tx.manager.query(
      `INSERT INTO monthly_gift_charges (monthly_gift_id, period, attempts, amount, status, first_attempt_on, payment_intent_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${CHARGE}`,
      [c.monthlyGiftId, c.period, c.attempts, c.amount.toString(), c.status, c.firstAttemptOn, c.paymentIntentId ?? null],
    );
    return charge(row);
  }

  async updateCharge(id: string, set: Record<string, unknown>): Promise<void> {
    const columns = Object.keys(set);
    const assignments = columns.map((c, i) => `${c} = $${i + 2}`).join(', ');
    await this.tx.manager.query(`UPDATE monthly_gift_charges SET ${assignments}, updated_at = now() WHERE id = $1`, [id, ...columns.map((c) => set[c])]);
  }

  /** The months of these gifts, each gift's oldest first: one query. */
  async chargesOfGifts(giftIds: readonly string[]): Promise<MonthlyGiftCharge[]> {
    const rows = await this.tx.manager.query(`SELECT ${CHARGE} FROM monthly_gift_charges WHERE monthly_gift_id = ANY($1::uuid[]) ORDER BY monthly_gift_id, period`, [giftIds]);
    return rows.map(charge);
  }

  /**
   * The charges due on `today`, a keyset batch after (nextChargeOn, id): active gifts whose month
   * has no charge yet, or whose month's charge was declined and its retry day has come.
   */
  async due(today: string, limit: number, after: { on: string; id: string } | null): Promise<(DueCharge & { on: string })[]> {
    return this.tx.manager.query(
      `SELECT g.id AS "monthlyGiftId", to_char(g.next_charge_on, 'YYYY-MM') AS period, COALESCE(c.attempts, 0) + 1 AS attempt, to_char(g.next_charge_on, 'YYYY-MM-DD') AS on
         FROM monthly_gifts g
         LEFT JOIN monthly_gift_charges c ON c.monthly_gift_id = g.id AND c.period = to_char(g.next_charge_on, 'YYYY-MM')
        WHERE g.status = 'ACTIVE' AND g.next_charge_on <= $1
          AND (c.id IS NULL OR (c.status = 'DECLINED' AND c.next_retry_on <= $1))
          AND ($2::date IS NULL OR (g.next_charge_on, g.id) > ($2::date, $3::uuid))
        ORDER BY g.next_charge_on, g.id LIMIT $4`,
      [today, after?.on ?? null, after?.id ?? null, limit],
    );
  }
}
