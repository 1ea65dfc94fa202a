import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Stripe from 'stripe';
import { FakeStripe } from './fakes/stripe-server.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose } from './support/check-then-close.js';

const signer = new Stripe('sk_test_signer');

describe('webhook intake: deliveries arriving together share one statement; each is stored once and answered after its commit', () => {
  let t: TestApp;
  let stripe: FakeStripe;

  beforeAll(async () => {
    stripe = await new FakeStripe().start();
    t = await TestApp.start({ env: stripe.env });
  });
  afterAll(async () => {
    await checkThenClose(t);
    await stripe.stop();
  });

  const post = (id: string) => {
    const payload = JSON.stringify({ id, object: 'event', type: 'customer.created', created: 1764000000, livemode: false, data: { object: { id: `cus_${id}`, object: 'customer' } } });
    const signature = signer.webhooks.generateTestHeaderString({ payload, secret: stripe.webhookSecret, timestamp: Math.floor(Date.now() / 1000) });
    return t.http.post('/webhooks/stripe').set('content-type', 'application/json').set('stripe-signature', signature).send(payload);
  };

  it('60 concurrent deliveries of 40 events (20 of them twice): 40 rows, 40 jobs, every duplicate told so, the payload the signed bytes', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `evt_together_${i}`);
    const deliveries = [...ids, ...ids.slice(0, 20)];
    const answers = await Promise.all(deliveries.map((id) => post(id)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    // Each event is stored by exactly one of its deliveries; the other is acknowledged as a duplicate.
    for (const id of ids) {
      const mine = answers.filter((_, i) => deliveries[i] === id).map((a) => a.body.duplicate);
      expect(mine.filter((d) => d === false)).toHaveLength(1);
    }
    const [row] = await t.db.query(`SELECT
      (SELECT count(*) FROM stripe_events WHERE id LIKE 'evt_together_%')::int AS events,
      (SELECT count(*) FROM outbox WHERE job_name = 'stripe.event' AND job_id LIKE 'stripe-event.evt_together_%')::int AS jobs,
      (SELECT payload FROM outbox WHERE job_id = 'stripe-event.evt_together_7') AS job`);
    expect(row).toEqual({ events: 40, jobs: 40, job: { eventId: 'evt_together_7' } });
    const [stored] = await t.db.query(`SELECT type, object_id, api_created_at, payload->'data'->'object'->>'id' AS object FROM stripe_events WHERE id = 'evt_together_3'`);
    expect(stored).toMatchObject({ type: 'customer.created', object_id: 'cus_evt_together_3', object: 'cus_evt_together_3' });
    expect(new Date(stored.api_created_at).getTime()).toBe(1764000000 * 1000);
  });

  it('a later redelivery is a duplicate and queues nothing', async () => {
    const again = await post('evt_together_1');
    expect(again.body).toEqual({ received: true, duplicate: true });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE job_id = 'stripe-event.evt_together_1'`))[0].n).toBe(1);
  });
});
