import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import type { ReminderKind } from './reminder-schedule.js';

export interface ReminderToRecord {
  membershipId: string;
  periodStart: string;
  kind: ReminderKind;
  memberId: string;
  branchId: string;
  invoiceId: string;
}

/** renewal_reminders in the current transaction. */
@Injectable()
export class RenewalReminderRepository {
  constructor(private readonly tx: TransactionService) {}

  /**
   * Records the reminders in one statement; those already recorded (this run's twin, an earlier
   * run) are skipped by the primary key — a concurrent run's insert waits for the other to commit,
   * then skips. Returns the keys actually recorded now: only those are sent.
   */
  async recordNew(rows: readonly ReminderToRecord[], sentOn: string): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const inserted: { membership_id: string; period_start: string; kind: string }[] = await this.tx.manager.query(
      `INSERT INTO renewal_reminders (membership_id, period_start, kind, member_id, branch_id, invoice_id, sent_on)
       SELECT * , $7::date FROM unnest($1::uuid[], $2::date[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[])
       ON CONFLICT DO NOTHING
       RETURNING membership_id, period_start::text, kind`,
      [
        rows.map((r) => r.membershipId),
        rows.map((r) => r.periodStart),
        rows.map((r) => r.kind),
        rows.map((r) => r.memberId),
        rows.map((r) => r.branchId),
        rows.map((r) => r.invoiceId),
        sentOn,
      ],
    );
    return new Set(inserted.map((r) => reminderKey(r.membership_id, r.period_start, r.kind)));
  }

  /** Of these keys, those already recorded (one query). */
  async existing(keys: readonly { membershipId: string; periodStart: string; kind: ReminderKind }[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows: { membership_id: string; period_start: string; kind: string }[] = await this.tx.manager.query(
      `SELECT r.membership_id, r.period_start::text, r.kind
         FROM renewal_reminders r
         JOIN unnest($1::uuid[], $2::date[], $3::text[]) AS k(membership_id, period_start, kind)
           ON k.membership_id = r.membership_id AND k.period_start = r.period_start AND k.kind = r.kind`,
      [keys.map((k) => k.membershipId), keys.map((k) => k.periodStart), keys.map((k) => k.kind)],
    );
    return new Set(rows.map((r) => reminderKey(r.membership_id, r.period_start, r.kind)));
  }

  async setEmails(rows: readonly { membershipId: string; periodStart: string; kind: string; emailId: string }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.tx.manager.query(
      `UPDATE renewal_reminders r SET email_id = t.email_id
         FROM unnest($1::uuid[], $2::date[], $3::text[], $4::uuid[]) AS t(membership_id, period_start, kind, email_id)
        WHERE r.membership_id = t.membership_id AND r.period_start = t.period_start AND r.kind = t.kind`,
      [rows.map((r) => r.membershipId), rows.map((r) => r.periodStart), rows.map((r) => r.kind), rows.map((r) => r.emailId)],
    );
  }

  /** The reminders sent for each membership's period (one query), oldest first. */
  async sentFor(keys: readonly { membershipId: string; periodStart: string }[]): Promise<Map<string, { kind: ReminderKind; sentOn: string }[]>> {
    const result = new Map<string, { kind: ReminderKind; sentOn: string }[]>();
    if (keys.length === 0) return result;
    const rows: { membership_id: string; period_start: string; kind: ReminderKind; sent_on: string }[] = await this.tx.manager.query(
      `SELECT r.membership_id, r.period_start::text, r.kind, r.sent_on::text
         FROM renewal_reminders r
         JOIN unnest($1::uuid[], $2::date[]) AS k(membership_id, period_start) ON k.membership_id = r.membership_id AND k.period_start = r.period_start
        ORDER BY r.sent_on, r.created_at`,
      [keys.map((k) => k.membershipId), keys.map((k) => k.periodStart)],
    );
    for (const r of rows) {
      const key = `${r.membership_id}:${r.period_start}`;
      result.set(key, [...(result.get(key) ?? []), { kind: r.kind, sentOn: r.sent_on }]);
    }
    return result;
  }
}

export function reminderKey(membershipId: string, periodStart: string, kind: string): string {
  return `${membershipId}:${periodStart}:${kind}`;
}
