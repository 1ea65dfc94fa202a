import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import { CURRENT_STATUSES, openRenewalKeysSql, openRenewalsSql, type OpenRenewalCursor } from '#dues';
import { MEMBER_EMAIL_CONTACTS_SQL } from '#members';
import { reminderDueSql, type ReminderKind } from './reminder-schedule.js';

/** A reminder recorded now for a member with an e-mail address: what its e-mail says. */
export interface RecordedReminder {
  membershipId: string;
  periodStart: string;
  kind: ReminderKind;
  memberId: string;
  /** The id its e-mail is to have (renewal_reminders.email_id, written with the reminder). */
  emailId: string;
  name: string;
  email: string;
  invoiceNumber: string;
  currency: string;
  outstanding: string;
  endsOn: string;
  graceEnd: string;
  dueOn: string;
  planNameJa: string;
  planNameEn: string;
}

export interface ReminderBatch {
  /** Open invoices read (the keyset batch; fewer than asked: the last batch). */
  scanned: number;
  /** Where the next batch continues (null when none was read). */
  last: OpenRenewalCursor | null;
  /** Reminders recorded now (not by an earlier run, nor by a run at the same time). */
  recorded: number;
}

/**
 * The e-mails of the reminders a batch recorded, in the batch's transaction: a temporary table
 * (each connection its own, emptied at commit), so the batch's e-mails stay in PostgreSQL and
 * the run reads them in small chunks (`recordedEmails`) instead of holding the batch's rows.
 */
const RECORDED_EMAILS = 'pg_temp.renewal_reminder_emails';
/** Created on a connection's first batch, emptied at the start of each (and at commit: a batch inside a caller's transaction reads only its own). */
const PREPARE_RECORDED_EMAILS = `DO $$ BEGIN
  -- The batch's CTEs (50,000 invoices) in memory, not spilled to temporary files.
  PERFORM set_config('work_mem', '64MB', true);
  IF to_regclass('${RECORDED_EMAILS}') IS NULL THEN
    -- A batch's e-mails (up to tens of thousands of rows) in memory too; settable before the session's first temporary table only.
    BEGIN
      PERFORM set_config('temp_buffers', '64MB', false);
    EXCEPTION WHEN OTHERS THEN NULL;
    END;
    CREATE TEMPORARY TABLE renewal_reminder_emails (
      email_id uuid PRIMARY KEY, membership_id uuid NOT NULL, period_start date NOT NULL, kind text NOT NULL, member_id uuid NOT NULL,
      name text NOT NULL, email text NOT NULL, invoice_number text NOT NULL, currency text NOT NULL, outstanding text NOT NULL,
      ends_on text NOT NULL, grace_end text NOT NULL, due_on text NOT NULL, plan_name_ja text NOT NULL, plan_name_en text NOT NULL
    ) ON COMMIT DELETE ROWS;
  ELSE
    TRUNCATE ${RECORDED_EMAILS};
  END IF;
END $$`;

/** renewal_reminders in the current transaction. */
@Injectable()
export class RenewalReminderRepository {
  constructor(private readonly tx: TransactionService) {}

  /**
   * One statement for a keyset batch of open invoices (dues' openRenewalKeysSql), of which the
   * renewal invoices due a reminder (openRenewalsSql): the
   * reminder due on `today` for each (reminderDueSql), recorded with INSERT … ON CONFLICT DO
   * NOTHING — those already recorded (an earlier run, or a run at the same time, whose insert
   * this one waits for, then skips) are left out — with its e-mail's id, for members with an
   * address only (#members' contacts: a reminder nobody can receive is not sent, and not
   * recorded, so it goes out once an address is known). Returns counts and the cursor only: what
   * the e-mails say goes to the transaction's temporary table, read with recordedEmails.
   */
  async recordDue(args: { today: string; leadDays: number; branchId?: string; after?: OpenRenewalCursor; limit: number }): Promise<ReminderBatch> {
    await this.tx.manager.query(PREPARE_RECORDED_EMAILS);
    // No join between the CTEs (their row counts are unknown to the planner, and a nested loop over two of
    // them is quadratic): every e-mail due goes to the table, and recordedEmails keeps those recorded now.
    const [row]: { scanned: number; last: OpenRenewalCursor | null; recorded: number }[] = await this.tx.manager.query(
      `WITH batch AS MATERIALIZED (
         ${openRenewalKeysSql({ statuses: '$1', asOf: '$2', leadDays: '$3', branchId: '$4', afterPeriodStart: '$5', afterInvoiceId: '$6', limit: '$7' })}
       ), reachable AS MATERIALIZED (
         -- Only members with an address: a reminder nobody can receive is not sent, so not recorded (README, Reminders).
         -- Narrowed first, by the invoice's member, so the memberships and plans are read for those alone.
         SELECT b.* FROM batch b WHERE EXISTS (SELECT 1 FROM (${MEMBER_EMAIL_CONTACTS_SQL}) ct WHERE ct.member_id = b.member_id)
       ), due AS MATERIALIZED (
         SELECT c.*, k.kind, ct.name AS contact_name, ct.email AS contact_email, gen_random_uuid() AS email_id
           FROM (${openRenewalsSql('reachable', { statuses: '$1', asOf: '$2', leadDays: '$3', branchId: '$4' })}) c
           CROSS JOIN LATERAL (SELECT ${reminderDueSql('c.ends_on_date', 'c.grace_end_date', '$2::date')} AS kind) k
           JOIN (${MEMBER_EMAIL_CONTACTS_SQL}) ct ON ct.member_id = c.member_id
          WHERE k.kind IS NOT NULL
       ), recorded AS (
         INSERT INTO renewal_reminders (membership_id, period_start, kind, member_id, branch_id, invoice_id, email_id, sent_on)
         SELECT d.membership_id, d.period_start_date, d.kind, d.member_id, d.branch_id, d.invoice_id, d.email_id, $2::date
           FROM due d
         ON CONFLICT DO NOTHING
         RETURNING 1
       ), listed AS (
         INSERT INTO ${RECORDED_EMAILS} (email_id, membership_id, period_start, kind, member_id, name, email, invoice_number, currency, outstanding,
                                         ends_on, grace_end, due_on, plan_name_ja, plan_name_en)
         SELECT d.email_id, d.membership_id, d.period_start_date, d.kind, d.member_id, d.contact_name, d.contact_email, d.number, trim(d.currency), d.outstanding,
                d.ends_on, d.grace_end, d.due_on, d.name_ja, d.name_en
           FROM due d
       )
       SELECT (SELECT count(*)::int FROM batch) AS scanned,
              (SELECT json_build_object('periodStart', b.period_start::text, 'invoiceId', b.id)
                 FROM batch b ORDER BY b.period_start DESC, b.id DESC LIMIT 1) AS last,
              (SELECT count(*)::int FROM recorded) AS recorded`,
      [CURRENT_STATUSES, args.today, args.leadDays, args.branchId ?? null, args.after?.periodStart ?? null, args.after?.invoiceId ?? null, args.limit],
    );
    return row;
  }

  /**
   * The e-mails of the reminders this transaction recorded (recordDue), `limit` at a time by
   * e-mail id after `after`: a reminder recorded now carries the id its statement drew for it; one
   * recorded before (an earlier run, or another worker) carries another, and is left out.
   */
  async recordedEmails(after: string | null, limit: number): Promise<RecordedReminder[]> {
    return this.tx.manager.query(
      `SELECT t.email_id AS "emailId", t.membership_id AS "membershipId", t.period_start::text AS "periodStart", t.kind, t.member_id AS "memberId",
              t.name, t.email, t.invoice_number AS "invoiceNumber", t.currency, t.outstanding, t.ends_on AS "endsOn", t.grace_end AS "graceEnd",
              t.due_on AS "dueOn", t.plan_name_ja AS "planNameJa", t.plan_name_en AS "planNameEn"
         FROM ${RECORDED_EMAILS} t
         JOIN renewal_reminders r ON r.membership_id = t.membership_id AND r.period_start = t.period_start AND r.kind = t.kind AND r.email_id = t.email_id
        WHERE t.email_id > COALESCE($1::uuid, '00000000-0000-0000-0000-000000000000'::uuid)
        ORDER BY t.email_id
        LIMIT $2`,
      [after, limit],
    );
  }

  /** Points reminders at their e-mail (only when the e-mail's key was queued before with another id). */
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
