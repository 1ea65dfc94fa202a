import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Clock, JOBS, JobHandler, OutboxService, SmtpConfig, TransactionService } from '#core';
import { emailJobPriority, type EmailTemplateName } from '../templates/index.js';

/** The instant before which a claim still SENDING is in doubt (EMAIL_IN_DOUBT_SECONDS before `now`). */
export function inDoubtBefore(now: Date, config: Pick<SmtpConfig, 'inDoubtAfterSeconds'>): Date {
  return new Date(now.getTime() - config.inDoubtAfterSeconds * 1000);
}

/** In-doubt messages taken per sweep (a sweep that takes this many runs again at once). */
const SWEEP_BATCH = 500;

/**
 * The recovery sweep: a message left SENDING with a claim older than the in-doubt delay
 * (EMAIL_IN_DOUBT_SECONDS) — the worker was killed between claim and SENT, or the line dropped
 * after the final dot — may or may not have reached the server. A lost e-mail costs more (a
 * reminder not received, a membership lapsed) than a duplicate that is byte-identical with the
 * same Message-ID (receiving systems and clients collapse it), so it is sent ONCE more: back to
 * PENDING with in_doubt_resends = 1 and a new `email.send` job, which sends it only with the
 * bytes of the transmission in doubt (EmailSendProcessor). A message already re-sent once is
 * never taken again: if its resend is in doubt too, it stays SENDING, listed for admins.
 */
@Injectable()
export class EmailInDoubtSweep {
  private readonly logger = new Logger(EmailInDoubtSweep.name);

  constructor(
    private readonly tx: TransactionService,
    private readonly outbox: OutboxService,
    private readonly config: SmtpConfig,
    private readonly clock: Clock,
  ) {}


  /** How many in-doubt messages were queued for their one resend now. */
  @JobHandler('email.in-doubt-sweep')
  async sweep(): Promise<number> {
    let queued = 0;
    for (;;) {
      const batch = await this.tx.run(async (manager) => {
        // An UPDATE through manager.query answers [rows, count].
        const [rows]: [{ id: string; template: EmailTemplateName }[], number] = await manager.query(
          `UPDATE email_messages e SET status = 'PENDING', in_doubt_resends = 1, in_doubt_at = $2
             FROM (SELECT id FROM email_messages WHERE status = 'SENDING' AND claimed_at < $1 AND in_doubt_resends = 0
                    ORDER BY claimed_at LIMIT $3 FOR UPDATE SKIP LOCKED) d
            WHERE e.id = d.id
            RETURNING e.id, e.template`,
          [inDoubtBefore(this.clock.now(), this.config), this.clock.now(), SWEEP_BATCH],
        );
        for (const row of rows) {
          await this.outbox.enqueue('email.send', { emailId: row.id }, `email-${row.id}-in-doubt`, { priority: emailJobPriority(row.template) });
        }
        return rows.length;
      });
      queued += batch;
      if (batch < SWEEP_BATCH) break;
    }
    if (queued > 0) this.logger.warn(`${queued} e-mail(s) in doubt (claimed more than ${this.config.inDoubtAfterSeconds} s ago, never marked SENT): sent once more`);
    return queued;
  }
}

export const EMAIL_IN_DOUBT_SCHEDULER = 'email-in-doubt-sweep';

/**
 * Runs the sweep every minute (every in-doubt delay when that is shorter, as in tests) as a BullMQ
 * job scheduler: one schedule however many workers start. Registered by the worker only.
 */
@Injectable()
export class EmailInDoubtScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue('maintenance') private readonly queue: Queue,
    private readonly config: SmtpConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const spec = JOBS['email.in-doubt-sweep'];
    await this.queue.upsertJobScheduler(
      EMAIL_IN_DOUBT_SCHEDULER,
      { every: Math.min(60, this.config.inDoubtAfterSeconds) * 1000 },
      { name: 'email.in-doubt-sweep', data: {}, opts: { attempts: spec.attempts, backoff: { type: 'exponential', delay: spec.backoffMs }, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } },
    );
  }
}
