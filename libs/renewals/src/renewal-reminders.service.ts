import { Injectable } from '@nestjs/common';
import { Money, TransactionService, type CurrencyCode } from '#core';
import { UserDirectory } from '#auth';
import { RenewalQueries, type OpenRenewal, type OpenRenewalCursor } from '#dues';
import { MemberDirectory } from '#members';
import { EmailOutbox } from '#notifications';
import { FIRST_REMINDER_DAYS, reminderDue } from './reminder-schedule.js';
import { RenewalReminderRepository, reminderKey, type ReminderToRecord } from './renewal-reminder.repository.js';

export interface ReminderRunOptions {
  branchId?: string;
  batchSize?: number;
  onProgress?: (done: number) => void;
}

/**
 * Sends the renewal reminders due today, in keyset batches of open renewal invoices: per batch,
 * one transaction records the reminders due (one INSERT … ON CONFLICT DO NOTHING) and queues an
 * e-mail for each one recorded now, in the member's language, with the notifications outbox
 * (idempotency key per membership, period and kind). A run killed half-way rolls its batch back;
 * run again, it sends what was not sent, and nothing twice.
 */
@Injectable()
export class RenewalReminders {
  constructor(
    private readonly tx: TransactionService,
    private readonly renewals: RenewalQueries,
    private readonly reminders: RenewalReminderRepository,
    private readonly members: MemberDirectory,
    private readonly users: UserDirectory,
    private readonly emails: EmailOutbox,
  ) {}

  /** How many reminders were sent (recorded and queued) now. */
  async sendDue(today: string, options: ReminderRunOptions = {}): Promise<number> {
    const limit = options.batchSize ?? 1000;
    let after: OpenRenewalCursor | undefined;
    let sent = 0;
    for (;;) {
      const batch = await this.renewals.openRenewals({ asOf: today, leadDays: FIRST_REMINDER_DAYS, branchId: options.branchId, after, limit });
      if (batch.length === 0) return sent;
      sent += await this.sendBatch(today, batch);
      options.onProgress?.(batch.length);
      const last = batch.at(-1)!;
      after = { periodStart: last.periodStart, invoiceId: last.invoiceId };
      if (batch.length < limit) return sent;
    }
  }

  private async sendBatch(today: string, batch: OpenRenewal[]): Promise<number> {
    const candidates = batch.flatMap((r) => {
      const kind = reminderDue({ endsOn: r.endsOn, graceEnd: r.graceEnd }, today);
      return kind ? [{ renewal: r, kind }] : [];
    });
    // A run repeated the same day finds them recorded: one query, no member looked up.
    const recordedBefore = await this.reminders.existing(candidates.map(({ renewal: r, kind }) => ({ membershipId: r.membershipId, periodStart: r.periodStart, kind })));
    const due = candidates.filter(({ renewal: r, kind }) => !recordedBefore.has(reminderKey(r.membershipId, r.periodStart, kind)));
    if (due.length === 0) return 0;
    const [members, locales] = await Promise.all([this.members.getMany(due.map((d) => d.renewal.memberId)), this.users.memberLocales(due.map((d) => d.renewal.memberId))]);
    return this.tx.run(async () => {
      const rows: ReminderToRecord[] = due.map(({ renewal: r, kind }) => ({ membershipId: r.membershipId, periodStart: r.periodStart, kind, memberId: r.memberId, branchId: r.branchId, invoiceId: r.invoiceId }));
      const recorded = await this.reminders.recordNew(rows, today);
      const emailed: { membershipId: string; periodStart: string; kind: string; emailId: string }[] = [];
      for (const { renewal: r, kind } of due) {
        if (!recorded.has(reminderKey(r.membershipId, r.periodStart, kind))) continue;
        const member = members.get(r.memberId);
        if (!member?.email) continue;
        const locale = locales.get(r.memberId) ?? 'ja';
        const emailId = await this.emails.queue({
          idempotencyKey: `renewal-reminder:${reminderKey(r.membershipId, r.periodStart, kind)}`,
          to: member.email,
          template: 'renewal-reminder',
          locale,
          params: {
            recipientName: member.name,
            kind,
            endsOn: r.endsOn,
            graceEnd: r.graceEnd,
            invoiceNumber: r.invoiceNumber,
            amount: Money.of(r.outstanding, r.currency as CurrencyCode).format(locale),
            dueOn: r.dueOn,
            planNameJa: r.planNameJa,
            planNameEn: r.planNameEn,
          },
        });
        emailed.push({ membershipId: r.membershipId, periodStart: r.periodStart, kind, emailId });
      }
      await this.reminders.setEmails(emailed);
      return recorded.size;
    });
  }
}
