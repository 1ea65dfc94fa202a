import { IsBoolean, Matches } from 'class-validator';
import { type Env, validatedConfig } from './env.js';

export class DatabaseConfig {
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  url: string;

  @IsBoolean()
  logging: boolean;

  static fromEnv(env: Env): DatabaseConfig {
    return validatedConfig(
      Object.assign(new DatabaseConfig(), {
        url: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rentai',
        logging: env.DATABASE_LOGGING === 'true',
      }),
      { url: 'DATABASE_URL', logging: 'DATABASE_LOGGING' },
    );
  }

  /** Address without credentials, for error messages. */
  get address(): string {
    const u = new URL(this.url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  }
}
