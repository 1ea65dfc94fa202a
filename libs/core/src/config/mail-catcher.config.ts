import { IsInt, IsString, Max, Min } from 'class-validator';
import { type Env, intFrom, validatedConfig } from './env.js';

/**
 * The development mail catcher `npm start` runs when SMTP_URL is not set (and NODE_ENV is not
 * production): an SMTP server that keeps every message and an inbox page to read them
 * (scripts/mail-catcher.ts). Port 0 takes a free port (the tour's test).
 */
export class MailCatcherConfig {
  /** SMTP_URL is not set and this is not production. */
  enabled: boolean;

  @IsInt() @Min(0) @Max(65535)
  smtpPort: number;

  @IsInt() @Min(0) @Max(65535)
  httpPort: number;

  /** Where both listen (0.0.0.0 in a container, so the host can reach them). */
  @IsString()
  host: string;

  static fromEnv(env: Env): MailCatcherConfig {
    return validatedConfig(
      Object.assign(new MailCatcherConfig(), {
        enabled: !env.SMTP_URL && env.NODE_ENV !== 'production',
        smtpPort: intFrom(env.MAIL_CATCHER_SMTP_PORT, 1025),
        httpPort: intFrom(env.MAIL_CATCHER_PORT, 1080),
        host: env.MAIL_CATCHER_HOST ?? '127.0.0.1',
      }),
      { smtpPort: 'MAIL_CATCHER_SMTP_PORT', httpPort: 'MAIL_CATCHER_PORT', host: 'MAIL_CATCHER_HOST' },
    );
  }
}
