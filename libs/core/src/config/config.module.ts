import { Global, Module } from '@nestjs/common';
import { AppConfig } from './app.config.js';
import { DatabaseConfig } from './database.config.js';
import { ENV, type Env } from './env.js';
import { RedisConfig } from './redis.config.js';
import { IssuerConfig } from './issuer.config.js';
import { SmtpConfig } from './smtp.config.js';
import { StripeConfig } from './stripe.config.js';
import { RenewalsConfig } from './renewals.config.js';

/** The one place that reads process.env. Tests override the ENV provider. */
// Global: infrastructure every module needs. Config is read once from the environment; any module's provider may
// inject its typed section (AppConfig, StripeConfig, …) without each library re-declaring the ENV providers.
@Global()
@Module({
  providers: [
    { provide: ENV, useFactory: (): Env => ({ ...process.env }) },
    { provide: AppConfig, inject: [ENV], useFactory: AppConfig.fromEnv },
    { provide: DatabaseConfig, inject: [ENV], useFactory: DatabaseConfig.fromEnv },
    { provide: RedisConfig, inject: [ENV], useFactory: RedisConfig.fromEnv },
    { provide: SmtpConfig, inject: [ENV], useFactory: SmtpConfig.fromEnv },
    { provide: StripeConfig, inject: [ENV], useFactory: StripeConfig.fromEnv },
    { provide: IssuerConfig, inject: [ENV], useFactory: IssuerConfig.fromEnv },
    { provide: RenewalsConfig, inject: [ENV], useFactory: RenewalsConfig.fromEnv },
  ],
  exports: [ENV, AppConfig, DatabaseConfig, RedisConfig, SmtpConfig, StripeConfig, IssuerConfig, RenewalsConfig],
})
export class ConfigModule {}
