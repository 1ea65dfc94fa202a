import { Injectable } from '@nestjs/common';
import { Money, RenewalsConfig, TransactionService, type CurrencyCode } from '#core';
import { UserDirectory } from '#auth';
import type { OpenRenewalCursor } from '#dues';
import { EmailOutbox } from '#notifications';
import { FIRST_REMINDER_DAYS } from './reminder-schedule.js';
import { RenewalReminderRepository, reminderKey, type RecordedReminder } from './renewal-reminder.repository.js';

export interface ReminderRunOptions {
  branchId?: string;
  /** Open renewal invoices per statement (default REMINDER_BATCH): large, so round trips do not count, and bounded, so memory stays flat. */
  batchSize?: number;
  /** E-mails rendered and queued per outbox call (default REMINDER_EMAIL_CHUNK). */
  emailChunk?: number;
  /**
   * Batches in flight at once (default RENEWAL_CONCURRENCY, 2; 1: one after another). With 2, the
   * next batch records its reminders while this one renders and queues its e-mails: each its own
   * transaction, as soon as this one knows where the next starts. Inside a caller's transaction always 1 (one connection, one batch at a time).
   */
  concurrency?: number;
  onProgress?: (done: number) => void;
}

/** Open renewal invoices per reminder statement. */
export const REMINDER_BATCH = 50_000;

/**
 * E-mails read, rendered and queued per outbox call within a batch. A batch's e-mails stay in
 * PostgreSQL (the batch's temporary table) and are read this many at a time, so what the process
 * holds is one chunk whatever the batch (up to 33,333 e-mails in a batch of the benchmark). Small
 * enough that a chunk's rows are garbage before the young generation is collected twice (so they
 * are not promoted and left for a full collection: RSS stays flat), large enough that the round
 * trips do not count.
 */
export const REMINDER_EMAIL_CHUNK = 500;

/**
 * Sends the renewal reminders due today, set-based, in large keyset batches of open renewal
 * invoices: per batch, one transaction with one statement that works out the reminder due for
 * each invoice and records it (INSERT … SELECT … ON CONFLICT DO NOTHING: each once per membership,
 * period and kind) for members with an e-mail address, and keeps what the e-mails of those
 * recorded now say in PostgreSQL; those are read back in chunks and queued with the notifications
 * outbox in two more statements per chunk (messages, jobs), in the member's language (idempotency
 * key per membership, period and kind). With `concurrency` 2 the next batch is recorded while
 * this one's e-mails are queued (the batches share no row). A run killed half-way rolls its
 * unfinished batches back; run again, it sends what was not sent, and nothing twice.
 */
@Injectable()
export class RenewalReminders {
  constructor(
    private readonly tx: TransactionService,
    private readonly reminders: RenewalReminderRepository,
    private readonly users: UserDirectory,
    private readonly emails: EmailOutbox,
    private readonly config: RenewalsConfig,
  ) {}

  /** How many reminders were sent (recorded and, for members with an address, queued) now. */
  async sendDue(today: string, options: ReminderRunOptions = {}): Promise<number> {
    const limit = options.batchSize ?? REMINDER_BATCH;
    // Inside a caller's transaction every batch joins it: one connection, so one batch at a time.
    const lanes = this.tx.active ? 1 : Math.max(1, options.concurrency ?? this.config.concurrency);
    const running = new Set<Promise<void>>();
    let failure: { error: unknown } | null = null;
    let sent = 0;
    for (let after: OpenRenewalCursor | null | undefined = undefined; after !== null && failure === null; ) {
      while (running.size >= lanes) await Promise.race(running);
      if (failure !== null) break;
      const from: OpenRenewalCursor | undefined = after;
      // Where the next batch starts, known once this one has recorded its reminders (before it queues and commits).
      let nextFrom!: (cursor: OpenRenewalCursor | null) => void;
      const next = new Promise<OpenRenewalCursor | null>((resolve) => (nextFrom = resolve));
      const batch: Promise<void> = this.tx
        .run(async () => {
          const recorded = await this.reminders.recordDue({ today, leadDays: FIRST_REMINDER_DAYS, branchId: options.branchId, after: from, limit });
          nextFrom(recorded.scanned < limit ? null : recorded.last);
          await this.queueEmails(options.emailChunk ?? REMINDER_EMAIL_CHUNK);
          return recorded;
        })
        .then(
          (recorded) => {
            sent += recorded.recorded;
            if (recorded.scanned > 0) options.onProgress?.(recorded.scanned);
          },
          (error: unknown) => {
            failure ??= { error };
            nextFrom(null);
          },
        )
        .finally(() => running.delete(batch));
      running.add(batch);
      after = await next;
    }
    await Promise.all(running);
    if (failure !== null) throw (failure as { error: unknown }).error;
    return sent;
  }

  /** The batch's e-mails, read from PostgreSQL `chunk` at a time: what the process holds stays one chunk whatever the batch. */
  private async queueEmails(chunk: number): Promise<void> {
    for (let after: string | null = null; ; ) {
      const recorded = await this.reminders.recordedEmails(after, chunk);
      await this.queueChunk(recorded);
      if (recorded.length < chunk) return;
      after = recorded.at(-1)!.emailId;
    }
  }

  private async queueChunk(recorded: readonly RecordedReminder[]): Promise<void> {
    if (recorded.length === 0) return;
    const locales = await this.users.memberLocales(recorded.map((r) => r.memberId));
    const keyOf = (r: RecordedReminder) => `renewal-reminder:${reminderKey(r.membershipId, r.periodStart, r.kind)}`;
    const ids = await this.emails.queueMany(
      'renewal-reminder',
      recorded.map((r) => {
        const locale = locales.get(r.memberId) ?? 'ja';
        return {
          id: r.emailId,
          idempotencyKey: keyOf(r),
          to: r.email,
          locale,
          params: {
            recipientName: r.name,
            kind: r.kind,
            endsOn: r.endsOn,
            graceEnd: r.graceEnd,
            invoiceNumber: r.invoiceNumber,
            amount: Money.of(BigInt(r.outstanding), r.currency as CurrencyCode).format(locale),
            dueOn: r.dueOn,
            planNameJa: r.planNameJa,
            planNameEn: r.planNameEn,
          },
        };
      }),
    );
    // A key queued before (a reminder recorded again after its row was removed) keeps its message: point the reminder at it.
    await this.reminders.setEmails(recorded.filter((r) => ids.get(keyOf(r)) !== r.emailId).map((r) => ({ ...r, emailId: ids.get(keyOf(r))! })));
  }
}
