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

  static fromEnv(env: Env): RenewalsConfig {
    return validatedConfig(
      Object.assign(new RenewalsConfig(), { leadDays: intFrom(env.RENEWAL_LEAD_DAYS, 30), schedule: env.RENEWAL_SCHEDULE ?? '0 5 * * *' }),
      { leadDays: 'RENEWAL_LEAD_DAYS', schedule: 'RENEWAL_SCHEDULE' },
    );
  }
}
