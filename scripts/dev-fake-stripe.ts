import { AppConfig, StripeConfig, type Env } from '#core';
import { FakeStripe } from './fake-stripe/stripe-server.js';

/** The fake Stripe's port in development (stripe-mock's usual one). */
const DEV_FAKE_STRIPE_PORT = 12111;

/**
 * `npm start` in development without STRIPE_SECRET_KEY: a fake Stripe (scripts/fake-stripe) so a
 * newcomer can pay by card or at a konbini in a browser. Its keys and URL are put into `env` (the
 * gateway and worker inherit them) and its signed events go to the gateway's /webhooks/stripe.
 * Returns it with the line for the summary, or null when real Stripe is configured or not in development.
 */
export async function startDevFakeStripe(config: AppConfig, env: Env, port = DEV_FAKE_STRIPE_PORT): Promise<{ fake: FakeStripe; line: string } | null> {
  if (config.nodeEnv !== 'development' || StripeConfig.fromEnv(env).enabled) return null;
  const fake = await new FakeStripe().start(port);
  Object.assign(env, fake.env);
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  fake.deliverToUrl(`http://${host}:${config.port}/webhooks/stripe`);
  return { fake, line: `  fake Stripe      http://127.0.0.1:${fake.port} (no STRIPE_SECRET_KEY: Checkout pages pay without money / 開発用の偽 Stripe)` };
}
