/**
 * The one registry of queues, job names and payload types. Later issues add
 * jobs here; at boot the worker refuses to start unless every job has exactly
 * one handler. Payloads carry ids and the acting user, never whole entities.
 */
export const QUEUES = ['emails', 'receipts', 'renewals', 'stripe-events', 'imports', 'maintenance', 'domain-events'] as const;
export type QueueName = (typeof QUEUES)[number];

export interface JobPayloads {
  /** Send one row of email_messages (libs/notifications). */
  'email.send': { emailId: string };
  /** Re-send, once, the e-mails whose send is in doubt (SENDING past the in-doubt delay; libs/notifications, job scheduler). */
  'email.in-doubt-sweep': Record<string, never>;
  /** Act on one stored Stripe webhook event (libs/payments, StripeEventProcessor). */
  'stripe.event': { eventId: string };
  /** Run the after-commit listeners of one domain event occurrence (libs/core/src/events). */
  'domain-event.deliver': { event: string; key: string; payload: Record<string, unknown> };
  /** Render, store and e-mail one issued receipt's PDF (libs/receipts). */
  'receipt.render': { receiptId: string };
  /** Find the monthly gifts due today (first charge of the month or a retry) and queue one charge each (libs/donations, job scheduler). */
  'monthly-gifts.scan': Record<string, never>;
  /** Charge one monthly gift for one month, attempt `attempt` (libs/donations). */
  'monthly-gift.charge': { monthlyGiftId: string; period: string; attempt: number };
  /** The daily renewal run (libs/renewals): renewal invoices, standing, reminders; from the job scheduler or on demand. */
  'renewals.run': { branchId?: string | null };
  /** Charge the saved cards of auto-renew memberships whose renewal invoices are due (libs/payments, AutoRenewRun); `on` defaults to today in Tokyo. */
  'autorenew.run': { on?: string };
  /** Issue the annual donation receipts of a calendar year (libs/receipts); null: the year before today's, Asia/Tokyo (the January scheduler). */
  'receipts.annual-run': { year: number | null };
}
export type JobName = keyof JobPayloads;

export interface JobSpec {
  queue: QueueName;
  attempts: number;
  /** Exponential backoff base in milliseconds. */
  backoffMs: number;
}

export const JOBS: { [K in JobName]: JobSpec } = {
  // 8 attempts, 30 s doubling: an SMTP outage of about two hours is ridden out.
  'email.send': { queue: 'emails', attempts: 8, backoffMs: 30_000 },
  // Every minute or so (the scheduler): a failed sweep is simply the next one; retry a database blip now.
  'email.in-doubt-sweep': { queue: 'maintenance', attempts: 3, backoffMs: 5_000 },
  // An event that arrives before what it depends on waits: 12 attempts, 2 s doubling, about 2.3 hours in all.
  'stripe.event': { queue: 'stripe-events', attempts: 12, backoffMs: 2_000 },
  // 10 attempts, 5 s doubling: a listener's outage of about 1.4 hours is ridden out.
  'domain-event.deliver': { queue: 'domain-events', attempts: 10, backoffMs: 5_000 },
  // Rendering fails only on a bug or a database outage: 6 attempts, 5 s doubling.
  'receipt.render': { queue: 'receipts', attempts: 6, backoffMs: 5_000 },
  // Daily; a failed scan is simply run again by the next day's schedule, but retry a database blip now.
  'monthly-gifts.scan': { queue: 'maintenance', attempts: 3, backoffMs: 30_000 },
  // Stripe unreachable: retried with the same idempotency key (never a second charge). 8 attempts, 30 s doubling.
  'monthly-gift.charge': { queue: 'renewals', attempts: 8, backoffMs: 30_000 },
  // Every step is idempotent: a run killed half-way is run again from the start, 10 attempts, 10 s doubling.
  'renewals.run': { queue: 'renewals', attempts: 10, backoffMs: 10_000 },
  // A run that met trouble on some invoices runs again for them (the others have nothing due): 5 attempts, 1 min doubling.
  'autorenew.run': { queue: 'renewals', attempts: 5, backoffMs: 60_000 },
  // Idempotent and resumable: 5 attempts, 1 min doubling.
  'receipts.annual-run': { queue: 'receipts', attempts: 5, backoffMs: 60_000 },
};
