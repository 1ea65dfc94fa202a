import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role, SYSTEM_ACTOR } from '#auth';
import { MembershipRenewal, addDays } from '#dues';
import { eventually } from '#testing';
import { FakeStripe } from './fakes/stripe-server.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { PaymentsWorld } from './support/payments-world.js';
import { gql } from './support/gql.js';
import { neverChargedTwice, stripeEqualsBooks, webhookDeliverer } from './support/stripe-checks.js';

const ROOT = join(import.meta.dirname, '..');

const AUTO_RENEW_ON = gql(`mutation AutoRenewCrashSwitchOn($id: ID!) { setMembershipAutoRenew(membershipId: $id, on: true) { autoRenew } }`);
const PAY = gql(`mutation AutoRenewCrashPayOnline($invoiceId: ID!) { payDuesInvoiceOnline(invoiceId: $invoiceId) { id } }`);
const RUN = gql(`mutation AutoRenewCrashRun($on: String) { runAutoRenewCharges(on: $on) }`);

/** The worker as a real process from its sources (support/ts-loader.mjs), against the test's database and Redis prefix. */
function startWorker(env: Record<string, string | undefined>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', './test/support/ts-loader.mjs', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env: Object.fromEntries(Object.entries({ ...env, WORKER_HEALTH_PORT: '0' }).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start: ${err}`)), 90_000);
    child.stdout!.on('data', (c: Buffer) => {
      if (c.toString().includes('Rentai worker: processing queues')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${err}`)));
  });
}

const kill = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

describe('auto-renew: the worker killed (SIGKILL) between the charge and its record', () => {
  let t: TestApp;
  let stripe: FakeStripe;
  let w: PaymentsWorld;
  let worker: ChildProcess | null = null;

  beforeAll(async () => {
    stripe = await new FakeStripe().start();
    // The gateway in-process; the worker is a separate process, so it can be killed.
    t = await TestApp.start({ env: stripe.env });
    w = await PaymentsWorld.create(t);
  }, 120_000);

  afterAll(async () => {
    if (worker) await kill(worker);
    try {
      await checkThenClose(t, ledgerBalances);
    } finally {
      await stripe.stop();
    }
  });

  it('after a restart the charge is recorded once and never charged twice', async () => {
    const deliver = webhookDeliverer(() => t);
    stripe.deliverTo(deliver);
    worker = await startWorker(t.env as Record<string, string>);

    const branch = await w.branch();
    const m = await w.memberWithInvoice(branch.id);
    const member = await t.signIn(Role.MEMBER, { memberId: m.memberId });
    await t.gql(AUTO_RENEW_ON, { id: m.membershipId }, { token: member.token });
    await t.gql(PAY, { invoiceId: m.invoiceId }, { token: member.token });
    await stripe.completeCheckout(stripe.sessions().find((s) => s.client_reference_id === m.invoiceId)!.id, 'card');
    await eventually(async () => (await t.db.query(`SELECT 1 FROM stripe_saved_cards WHERE member_id = $1`, [m.memberId])).length === 1, { attempts: 300 });
    const [{ period_end }] = await t.db.query(`SELECT to_char(period_end, 'YYYY-MM-DD') AS period_end FROM memberships WHERE id = $1`, [m.membershipId]);
    const renewal = await t.app.get(MembershipRenewal).issueRenewalInvoice(SYSTEM_ACTOR, m.membershipId, addDays(period_end, 1));
    const key = `rentai-autorenew-${renewal.id}-1`;

    // Stripe charges the card; before its answer reaches the worker, the worker is killed. Stripe's
    // events are held back too (Stripe retries them for days): only the worker's own re-run can settle it.
    stripe.deliverTo(async () => 0);
    let killedAt: number | null = null;
    stripe.beforeAnswer = async ({ method, path }) => {
      if (method === 'POST' && path === '/v1/payment_intents' && killedAt === null) {
        killedAt = Date.now();
        await kill(worker!);
      }
    };
    const admin = (await t.signIn(Role.FEDERATION_ADMIN)).token;
    expect((await t.gql(RUN, { on: renewal.dueOn }, { token: admin })).errors).toBeUndefined();
    await eventually(async () => killedAt !== null, { attempts: 600 });
    stripe.beforeAnswer = null;

    // Charged at Stripe, nothing in the books: the attempt is left CHARGING.
    expect(stripe.intentsPerIdempotencyKey().get(key)).toBe(1);
    expect(await t.db.query(`SELECT attempt, status FROM auto_renew_charges WHERE invoice_id = $1`, [renewal.id])).toEqual([{ attempt: 1, status: 'CHARGING' }]);
    expect((await w.invoice(renewal.id)).status).toBe('OPEN');

    // Restarted, the worker's next run asks Stripe again under the same key and records what it answers.
    worker = await startWorker(t.env as Record<string, string>);
    expect((await t.gql(RUN, { on: renewal.dueOn }, { token: admin })).errors).toBeUndefined();
    await eventually(async () => (await w.invoice(renewal.id)).status === 'PAID', { attempts: 600 });

    // Then Stripe's held-back events arrive (twice): still one payment.
    stripe.deliverTo(deliver);
    const ofIntent = stripe.events.filter((e) => e.type.startsWith('payment_intent.') && e.payload.includes(renewal.id));
    await stripe.redeliver(ofIntent);
    await stripe.redeliver(ofIntent);
    await eventually(async () => (await t.db.query(`SELECT count(*)::int AS n FROM stripe_events WHERE status = 'RECEIVED'`))[0].n === 0, { attempts: 300 });

    expect(stripe.intentsPerIdempotencyKey().get(key)).toBe(1);
    expect(stripe.requests.filter((r) => r.path === '/v1/payment_intents' && r.idempotencyKey === key).length).toBeGreaterThanOrEqual(2);
    const payments = await t.db.query(
      `SELECT p.amount::int AS amount FROM payment_allocations a JOIN payments p ON p.id = a.payment_id WHERE a.invoice_id = $1 AND p.status = 'RECORDED'`,
      [renewal.id],
    );
    expect(payments).toEqual([{ amount: Number(renewal.amount) }]);
    expect(await t.db.query(`SELECT attempt, status FROM auto_renew_charges WHERE invoice_id = $1`, [renewal.id])).toEqual([{ attempt: 1, status: 'SUCCEEDED' }]);
    await stripeEqualsBooks(() => stripe)(t);
    await neverChargedTwice(() => stripe)(t);
  }, 300_000);
});
