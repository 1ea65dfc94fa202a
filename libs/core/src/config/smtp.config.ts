import { IsEmail, IsInt, Matches, Max, Min } from 'class-validator';
import { type Env, intFrom, validatedConfig } from './env.js';

export class SmtpConfig {
  @Matches(/^smtps?:\/\/.+/, { message: 'must be an smtp:// URL' })
  url: string;

  @IsEmail()
  from: string;

  /**
   * Seconds after its claim that a message still SENDING is in doubt (the worker was killed, or the
   * line dropped after the final dot) and is re-sent once, with the same bytes, by the recovery
   * sweep (libs/notifications). Longer than any healthy SMTP transaction; default 10 minutes.
   */
  @IsInt() @Min(1) @Max(7 * 24 * 3600)
  inDoubtAfterSeconds: number;

  static fromEnv(env: Env): SmtpConfig {
    return validatedConfig(
      Object.assign(new SmtpConfig(), {
        url: env.SMTP_URL ?? 'smtp://127.0.0.1:1025',
        from: env.MAIL_FROM ?? 'no-reply@rentai.example.jp',
        inDoubtAfterSeconds: intFrom(env.EMAIL_IN_DOUBT_SECONDS, 600),
      }),
      { url: 'SMTP_URL', from: 'MAIL_FROM', inDoubtAfterSeconds: 'EMAIL_IN_DOUBT_SECONDS' },
    );
  }
}
