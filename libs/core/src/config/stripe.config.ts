import { IsOptional, Matches } from 'class-validator';
import { ConfigError, type Env, validatedConfig } from './env.js';

/**
 * Stripe: online payments are on when STRIPE_SECRET_KEY is set (real Stripe by default;
 * STRIPE_API_URL points the SDK elsewhere, e.g. the fake Stripe of tests and development).
 * Without a key the online mutations answer ONLINE_PAYMENTS_NOT_CONFIGURED and nothing else changes.
 */
export class StripeConfig {
  @IsOptional()
  @Matches(/^(sk|rk)_(test|live)_\S+$/, { message: 'must be a Stripe secret key (sk_test_…, sk_live_… or a restricted rk_ key)' })
  secretKey: string | null;

  @IsOptional()
  @Matches(/^whsec_\S+$/, { message: 'must be a webhook signing secret (whsec_…)' })
  webhookSecret: string | null;

  @IsOptional()
  @Matches(/^https?:\/\/[^/]+$/, { message: 'must be an http(s):// origin without a path' })
  apiUrl: string | null;

  static fromEnv(env: Env): StripeConfig {
    const config = validatedConfig(
      Object.assign(new StripeConfig(), {
        secretKey: env.STRIPE_SECRET_KEY || null,
        webhookSecret: env.STRIPE_WEBHOOK_SECRET || null,
        apiUrl: env.STRIPE_API_URL || null,
      }),
      { secretKey: 'STRIPE_SECRET_KEY', webhookSecret: 'STRIPE_WEBHOOK_SECRET', apiUrl: 'STRIPE_API_URL' },
    );
    if (config.secretKey && !config.webhookSecret) {
      throw new ConfigError('Configuration error: environment variable STRIPE_WEBHOOK_SECRET must be set when STRIPE_SECRET_KEY is (webhooks cannot be verified without it).');
    }
    return config;
  }

  get enabled(): boolean {
    return this.secretKey !== null;
  }

  /** The SDK's host, port and protocol when STRIPE_API_URL is set. */
  get endpoint(): { host: string; port: number; protocol: 'http' | 'https' } | null {
    if (!this.apiUrl) return null;
    const u = new URL(this.apiUrl);
    const protocol = u.protocol === 'http:' ? 'http' : 'https';
    return { host: u.hostname, port: Number(u.port || (protocol === 'http' ? 80 : 443)), protocol };
  }
}
