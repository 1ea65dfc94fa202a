import { IsEmail, Matches } from 'class-validator';
import { type Env, validatedConfig } from './env.js';

export class SmtpConfig {
  @Matches(/^smtps?:\/\/.+/, { message: 'must be an smtp:// URL' })
  url: string;

  @IsEmail()
  from: string;

  static fromEnv(env: Env): SmtpConfig {
    return validatedConfig(
      Object.assign(new SmtpConfig(), {
        url: env.SMTP_URL ?? 'smtp://127.0.0.1:1025',
        from: env.MAIL_FROM ?? 'no-reply@rentai.example.jp',
      }),
      { url: 'SMTP_URL', from: 'MAIL_FROM' },
    );
  }
}
