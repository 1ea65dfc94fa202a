import { expect } from '@jest/globals';
import type { FakeStripe } from '../fakes/stripe-server.js';
import type { EndOfFileCheck } from './check-then-close.js';
import type { TestApp } from './test-app.js';

/** The fake Stripe's signed events POSTed to the gateway's /webhooks/stripe (supertest). */
export const webhookDeliverer = (t: () => TestApp) => async (payload: string, signature: string) =>
  (await t().http.post('/webhooks/stripe').set('content-type', 'application/json').set('stripe-signature', signature).send(payload)).status;

/** Money in Stripe (its balance, payouts aside) equals money in the books (Stripe clearing, 1300, of every book). */
export const stripeEqualsBooks =
  (stripe: () => FakeStripe): EndOfFileCheck =>
  async (t) => {
    const [row] = await t.db.query(`SELECT COALESCE(sum(CASE l.side WHEN 'DEBIT' THEN l.amount ELSE -l.amount END), 0)::int AS clearing
      FROM journal_lines l JOIN accounts a ON a.id = l.account_id WHERE a.code = '1300'`);
    expect(row.clearing).toBe(stripe().balance());
  };

/** No PaymentIntent was ever created twice under one idempotency key (a charge made twice). */
export const neverChargedTwice =
  (stripe: () => FakeStripe): EndOfFileCheck =>
  async () => {
    expect([...stripe().intentsPerIdempotencyKey().entries()].filter(([, n]) => n > 1)).toEqual([]);
  };
