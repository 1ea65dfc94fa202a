import { IsInt, Matches, Max, Min } from 'class-validator';
import { type Env, intFrom, validatedConfig } from './env.js';

/** The daily renewal run (libs/renewals). */
export class RenewalsConfig {
  /** Days before a period ends that its renewal invoice is issued (fiscal-year plans: before 1 April). */
  @IsInt() @Min(0) @Max(365)
  leadDays: number;

  /** When the daily run starts, as a cron pattern in Asia/Tokyo (default 05:00 every day). */
  @Matches(/^\S+( \S+){4,5}$/, { message: 'must be a cron pattern (5 or 6 fields)' })
  schedule: string;

  /**
   * Branches whose invoices are written at once by a set-based issuance (the renewal run's, a
   * fiscal year's from GraphQL or the CLI), and keyset batches of the run's reminders in flight,
   * each in its own transaction on its own connection (default 2: PostgreSQL runs a statement on
   * one core). 1 runs them one after another; at most 8 (the pool has 20 connections for
   * everything else too).
   */
  @IsInt() @Min(1) @Max(8)
  concurrency: number;

  static fromEnv(env: Env): RenewalsConfig {
    return validatedConfig(
      Object.assign(new RenewalsConfig(), {
        leadDays: intFrom(env.RENEWAL_LEAD_DAYS, 30),
        schedule: env.RENEWAL_SCHEDULE ?? '0 5 * * *',
        concurrency: intFrom(env.RENEWAL_CONCURRENCY, 2),
      }),
      { leadDays: 'RENEWAL_LEAD_DAYS', schedule: 'RENEWAL_SCHEDULE', concurrency: 'RENEWAL_CONCURRENCY' },
    );
  }
}
