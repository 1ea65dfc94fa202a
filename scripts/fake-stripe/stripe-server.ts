/**
 * A fake Stripe: the endpoints Rentai calls, over real HTTP (the official SDK is pointed at it by
 * host, port and protocol), with the state a test can drive: a payer completing Checkout by card
 * or at a konbini, a voucher expiring, a refund made in the dashboard, a dispute. Events are signed
 * with the SDK's own test-header helper and delivered to whatever `deliver` the test wires up
 * (supertest against the gateway, or a URL). Idempotency keys behave as Stripe's: the same key and
 * the same parameters replay the first answer; the same key with other parameters is refused.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { checkoutPage, voucherPage } from './checkout-page.js';
import { parseStripeForm, type FormValue } from './stripe-form.js';

type StripeObject = Record<string, any> & { id: string; object: string };

export interface FakeStripeEvent {
  id: string;
  type: string;
  payload: string;
}

export interface FakeStripeOptions {
  secretKey?: string;
  webhookSecret?: string;
  /** Card fee in basis points of the amount (Stripe Japan: 3.6 %). */
  cardFeeBp?: number;
  /** Flat konbini fee per payment. */
  konbiniFee?: number;
}

export type Deliverer = (payload: string, signature: string) => Promise<number>;

/** How a saved card answers an off-session charge (set per card by the test: `cardAnswers`). */
export type CardAnswer = 'succeed' | 'decline' | 'authentication_required';

const API_VERSION = '2026-10-28.endive';

export class FakeStripe {
  readonly secretKey: string;
  readonly webhookSecret: string;
  readonly objects = new Map<string, StripeObject>();
  readonly events: FakeStripeEvent[] = [];
  /** Requests received, for tests that count calls (e.g. one customer per member). */
  readonly requests: { method: string; path: string; idempotencyKey: string | null; params: Record<string, FormValue> }[] = [];
  private readonly idempotent = new Map<string, { params: string; status: number; body: unknown }>();
  /** Saved cards (pm_…) and how they answer an off-session charge; unlisted cards succeed. */
  readonly cardAnswers = new Map<string, CardAnswer>();
  /** The card the next Checkout paid by card saves, when it saves one (tests pick last4 / expiry). */
  nextCard: { brand: string; last4: string; exp_month: number; exp_year: number } = { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2030 };
  /** Answers queued per saved card for its next off-session charges (first in, first used), before `cardAnswers`. */
  private readonly nextAnswers = new Map<string, CardAnswer[]>();
  private server: Server | null = null;
  /**
   * Awaited after a request was acted on and before it is answered: a test can kill the caller
   * right there ("charged, but the caller never heard").
   */
  beforeAnswer: ((request: { method: string; path: string }) => Promise<void> | void) | null = null;
  private deliverer: Deliverer | null = null;
  private readonly signer = new Stripe('sk_test_signer');
  private clock = () => Math.floor(Date.now() / 1000);
  /** The idempotency key of the request being routed (stored on the objects it creates). */
  private currentKey: string | null = null;
  port = 0;

  constructor(private readonly options: FakeStripeOptions = {}) {
    this.secretKey = options.secretKey ?? `sk_test_fake_${randomBytes(6).toString('hex')}`;
    this.webhookSecret = options.webhookSecret ?? `whsec_fake_${randomBytes(12).toString('hex')}`;
  }

  /** The environment that points Rentai at this fake. */
  get env(): Record<string, string> {
    return {
      STRIPE_SECRET_KEY: this.secretKey,
      STRIPE_WEBHOOK_SECRET: this.webhookSecret,
      STRIPE_API_URL: `http://127.0.0.1:${this.port}`,
    };
  }

  /** Listens on 127.0.0.1 (`port` 0: any free one). */
  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', resolve);
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Where signed events go. */
  deliverTo(deliverer: Deliverer): void {
    this.deliverer = deliverer;
  }

  /** Signed events POSTed to a webhook URL (development: the gateway's /webhooks/stripe). */
  deliverToUrl(url: string): void {
    this.deliverTo(async (payload, signature) => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload }).catch(() => null);
      return res?.status ?? 0;
    });
  }

  /** Seconds since the epoch as the fake sees them (tests with a fixed clock move it). */
  setClock(now: () => number): void {
    this.clock = now;
  }

  // ---- what a payer, the dashboard or the bank does ----

  /** The payer completes Checkout. Card: paid now. Konbini: a voucher, paid later (or never). */
  async completeCheckout(sessionId: string, method: 'card' | 'konbini' = 'card'): Promise<void> {
    const session = this.must(sessionId);
    const intent = this.must(session.payment_intent);
    session.status = 'complete';
    intent.payment_method_types = [method];
    if (method === 'card') {
      const saves = intent.setup_future_usage === 'off_session' || intent.payment_method_options?.card?.setup_future_usage === 'off_session';
      intent.payment_method = saves && intent.customer ? this.saveCard(intent.customer).id : this.put({ id: this.newId('pm'), object: 'payment_method', type: 'card', customer: null, card: { ...this.nextCard }, created: this.clock(), livemode: false, metadata: {} }).id;
      this.succeed(intent, 'card');
      session.payment_status = 'paid';
      await this.emit('payment_intent.succeeded', intent);
      await this.emit('checkout.session.completed', session);
    } else {
      const expiresAt = this.konbiniExpiry(session);
      intent.status = 'requires_action';
      intent.next_action = {
        type: 'konbini_display_details',
        konbini_display_details: { expires_at: expiresAt, hosted_voucher_url: `http://127.0.0.1:${this.port}/voucher/${intent.id}` },
      };
      session.payment_status = 'unpaid';
      await this.emit('checkout.session.completed', session);
    }
  }

  /** The card a payer typed in Checkout is declined (what card testers cause): the page stays open. */
  async declineCheckoutCard(sessionId: string): Promise<void> {
    const intent = this.must(this.must(sessionId).payment_intent);
    intent.status = 'requires_payment_method';
    intent.last_payment_error = { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' };
    await this.emit('payment_intent.payment_failed', intent);
  }

  /** PaymentIntents created per idempotency key (a replayed key creates none): "charged twice" is a count above 1. */
  intentsPerIdempotencyKey(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const o of this.objects.values()) if (o.object === 'payment_intent' && o.idempotency_key) counts.set(o.idempotency_key, (counts.get(o.idempotency_key) ?? 0) + 1);
    return counts;
  }

  /** A card saved on the customer for off-session use (as a Checkout with setup_future_usage, or a SetupIntent, leaves it). */
  saveCard(customerId: string, card = this.nextCard): StripeObject {
    return this.put({ id: this.newId('pm'), object: 'payment_method', type: 'card', customer: customerId, card: { ...card }, created: this.clock(), livemode: false, metadata: {} });
  }

  /** A SetupIntent that saved a card for the customer succeeded (e.g. the card changed in the portal). */
  async succeedSetup(customerId: string, metadata: Record<string, string> = {}): Promise<StripeObject> {
    const card = this.saveCard(customerId);
    const setup = this.put({ id: this.newId('seti'), object: 'setup_intent', status: 'succeeded', customer: customerId, payment_method: card.id, usage: 'off_session', metadata, created: this.clock(), livemode: false });
    await this.emit('setup_intent.succeeded', setup);
    return setup;
  }

  /** The payer pays the konbini voucher. */
  async payKonbini(sessionId: string): Promise<void> {
    const session = this.must(sessionId);
    const intent = this.must(session.payment_intent);
    this.succeed(intent, 'konbini');
    intent.next_action = null;
    session.payment_status = 'paid';
    await this.emit('payment_intent.succeeded', intent);
    await this.emit('checkout.session.async_payment_succeeded', session);
  }

  /** The voucher expires unpaid. */
  async expireKonbini(sessionId: string): Promise<void> {
    const session = this.must(sessionId);
    const intent = this.must(session.payment_intent);
    intent.status = 'canceled';
    intent.next_action = null;
    await this.emit('payment_intent.payment_failed', intent);
    await this.emit('checkout.session.async_payment_failed', session);
  }

  /** A Checkout page nobody completed expires. */
  async expireSession(sessionId: string): Promise<void> {
    const session = this.must(sessionId);
    session.status = 'expired';
    await this.emit('checkout.session.expired', session);
  }

  /** A refund made in the Stripe dashboard (not through our API). */
  async dashboardRefund(paymentIntentId: string, amount?: number): Promise<StripeObject> {
    const intent = this.must(paymentIntentId);
    const refund = this.refund(intent, amount);
    await this.announceRefund(refund);
    return refund;
  }

  /** Konbini: the payer gives the bank account for a refund that waited for it; the money goes. */
  async provideRefundBankDetails(refundId: string): Promise<void> {
    const refund = this.must(refundId);
    this.settleRefund(refund);
    await this.emit('charge.refund.updated', refund);
    await this.emit('charge.refunded', this.must(refund.charge));
  }

  /** The payer's bank disputes the charge: the amount is withdrawn from the Stripe balance. */
  async dispute(paymentIntentId: string, reason = 'fraudulent'): Promise<StripeObject> {
    const intent = this.must(paymentIntentId);
    const charge = this.must(intent.latest_charge);
    const dispute = this.put({ id: this.newId('du'), object: 'dispute', amount: charge.amount - charge.amount_refunded, currency: charge.currency, charge: charge.id, payment_intent: intent.id, status: 'needs_response', reason, created: this.clock() });
    this.put({ id: this.newId('txn'), object: 'balance_transaction', type: 'adjustment', reporting_category: 'dispute', amount: -dispute.amount, fee: 0, net: -dispute.amount, currency: charge.currency, source: dispute.id, created: this.clock() });
    charge.disputed = true;
    await this.emit('charge.dispute.created', dispute);
    await this.emit('charge.dispute.funds_withdrawn', dispute);
    return dispute;
  }

  /** The card network decides: won gives the amount back to the balance, lost keeps it away. */
  async closeDispute(disputeId: string, outcome: 'won' | 'lost'): Promise<void> {
    const dispute = this.must(disputeId);
    dispute.status = outcome;
    if (outcome === 'won') {
      this.put({ id: this.newId('txn'), object: 'balance_transaction', type: 'adjustment', reporting_category: 'dispute_reversal', amount: dispute.amount, fee: 0, net: dispute.amount, currency: dispute.currency, source: dispute.id, created: this.clock() });
      await this.emit('charge.dispute.funds_reinstated', dispute);
    }
    await this.emit('charge.dispute.closed', dispute);
  }

  /** Pays out every balance transaction not paid out yet, arriving `arrivalDate` (seconds; default in 7 days). */
  async payout(arrivalDate?: number): Promise<StripeObject> {
    const pending = [...this.objects.values()].filter((o) => o.object === 'balance_transaction' && o.type !== 'payout' && !o.payout);
    const amount = pending.reduce((sum, t) => sum + t.net, 0);
    const payout = this.put({ id: this.newId('po'), object: 'payout', amount, currency: 'jpy', arrival_date: arrivalDate ?? this.clock() + 7 * 86_400, status: 'paid', created: this.clock() });
    for (const t of pending) t.payout = payout.id;
    this.put({ id: this.newId('txn'), object: 'balance_transaction', type: 'payout', amount: -amount, fee: 0, net: -amount, currency: 'jpy', source: payout.id, payout: payout.id, created: this.clock() });
    await this.emit('payout.paid', payout);
    return payout;
  }

  /** The next off-session charges of this saved card are declined or need authentication, in order (then `cardAnswers`). */
  failNextOffSession(paymentMethodId: string, ...answers: ('card_declined' | 'authentication_required')[]): void {
    const queued = this.nextAnswers.get(paymentMethodId) ?? [];
    queued.push(...answers.map((a): CardAnswer => (a === 'card_declined' ? 'decline' : 'authentication_required')));
    this.nextAnswers.set(paymentMethodId, queued);
  }

  /** The cardholder authenticates a payment intent that needed it (the link in our e-mail): the money moves. */
  async authenticate(paymentIntentId: string): Promise<void> {
    const intent = this.must(paymentIntentId);
    this.succeed(intent, 'card');
    intent.next_action = null;
    intent.last_payment_error = null;
    await this.emit('payment_intent.succeeded', intent);
  }

  /** The payment methods saved for off-session use (setup_future_usage), oldest first. */
  savedPaymentMethods(customerId?: string): StripeObject[] {
    return [...this.objects.values()].filter((o) => o.object === 'payment_method' && (!customerId || o.customer === customerId));
  }

  /** Any event, e.g. one of a type Rentai does not act on. */
  async sendEvent(type: string, object: StripeObject): Promise<void> {
    await this.emit(type, object);
  }

  /** The Stripe balance: every balance transaction's net except payouts (money still held by Stripe plus what it paid out). */
  balance(): number {
    return [...this.objects.values()].filter((o) => o.object === 'balance_transaction' && o.type !== 'payout').reduce((sum, t) => sum + t.net, 0);
  }

  /** Re-sends events already sent (Stripe delivers at least once). */
  async redeliver(events: FakeStripeEvent[]): Promise<number[]> {
    const statuses: number[] = [];
    for (const e of events) statuses.push(await this.send(e.payload));
    return statuses;
  }

  /** The checkout sessions created, oldest first. */
  sessions(): StripeObject[] {
    return [...this.objects.values()].filter((o) => o.object === 'checkout.session');
  }

  // ---- HTTP ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const params = req.method === 'GET' ? parseStripeForm(url.search.slice(1)) : parseStripeForm(Buffer.concat(chunks).toString('utf8'));
    const idempotencyKey = (req.headers['idempotency-key'] as string | undefined) ?? null;
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, idempotencyKey, params });
    const answer = async (status: number, body: unknown) => {
      await this.beforeAnswer?.({ method: req.method ?? 'GET', path: url.pathname });
      if (res.destroyed || res.socket?.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${randomBytes(6).toString('hex')}` });
      res.end(JSON.stringify(body));
    };
    if (url.pathname.startsWith('/checkout/') || url.pathname.startsWith('/voucher/') || url.pathname.startsWith('/dashboard/')) return this.browser(req.method ?? 'GET', url.pathname, res);
    if (req.headers.authorization !== `Bearer ${this.secretKey}`) {
      return answer(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
    }
    if (idempotencyKey && req.method === 'POST') {
      const signature = `${url.pathname}?${JSON.stringify(params)}`;
      const earlier = this.idempotent.get(idempotencyKey);
      if (earlier) {
        if (earlier.params !== signature) {
          return answer(400, { error: { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters they were first used with.' } });
        }
        res.setHeader('idempotent-replayed', 'true');
        return answer(earlier.status, earlier.body);
      }
      this.currentKey = idempotencyKey;
      const [status, body] = this.route(req.method, url.pathname, params);
      this.currentKey = null;
      this.idempotent.set(idempotencyKey, { params: signature, status, body });
      return answer(status, body);
    }
    const [status, body] = this.route(req.method ?? 'GET', url.pathname, params);
    answer(status, body);
  }

  /** The pages a payer's browser sees: Checkout (card or konbini) and the konbini voucher. */
  private async browser(method: string, path: string, res: ServerResponse): Promise<void> {
    const [kind, id, action] = path.split('/').filter(Boolean);
    const object = this.objects.get(id ?? '');
    const html = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body);
    };
    const redirect = (location: string) => {
      res.writeHead(303, { location });
      res.end();
    };
    if (!object) return html(404, 'Not found');
    // What Stripe's dashboard would show in development: a payer's bank disputing a charge, the dispute closing.
    if (kind === 'dashboard' && method === 'POST' && action === 'dispute' && object.object === 'payment_intent' && object.status === 'succeeded') {
      const dispute = await this.dispute(object.id);
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ id: dispute.id, status: dispute.status }));
    }
    if (kind === 'dashboard' && method === 'POST' && (action === 'won' || action === 'lost') && object.object === 'dispute' && object.status === 'needs_response') {
      await this.closeDispute(object.id, action);
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ id: object.id, status: action }));
    }
    if (kind === 'checkout' && method === 'GET' && !action) return html(200, checkoutPage(object as never));
    if (kind === 'checkout' && method === 'POST' && (action === 'card' || action === 'konbini') && object.status === 'open') {
      await this.completeCheckout(object.id, action);
      return redirect(action === 'card' ? (object.success_url ?? `/checkout/${object.id}`) : `/voucher/${object.payment_intent}`);
    }
    if (kind === 'voucher' && method === 'GET' && !action) return html(200, voucherPage(object as never));
    if (kind === 'voucher' && method === 'POST' && action === 'pay' && object.status === 'requires_action') {
      const session = this.sessions().find((s) => s.payment_intent === object.id);
      if (session) await this.payKonbini(session.id);
      return redirect(session?.success_url ?? `/voucher/${object.id}`);
    }
    return redirect(kind === 'voucher' ? `/voucher/${object.id}` : `/checkout/${object.id}`);
  }

  private route(method: string, path: string, params: Record<string, FormValue>): [number, unknown] {
    const expand = (object: StripeObject) => this.expand(object, (params.expand as string[] | undefined) ?? []);
    const parts = path.split('/').filter(Boolean);
    const [v1, resource, id, action] = parts;
    if (v1 !== 'v1') return notFound(path);
    const key = parts.slice(1, 3).join('/');
    if (method === 'POST' && resource === 'customers' && !id) return [200, this.createCustomer(params)];
    if (method === 'POST' && key === 'checkout/sessions' && parts.length === 3) return [200, expand(this.createSession(params))];
    if (method === 'GET' && resource === 'checkout' && parts[2] === 'sessions' && parts[3]) return this.found(parts[3], expand);
    if (method === 'POST' && resource === 'checkout' && parts[2] === 'sessions' && parts[4] === 'expire') {
      const session = this.objects.get(parts[3]);
      if (!session) return notFound(parts[3]);
      if (session.status !== 'open') return [400, { error: { type: 'invalid_request_error', message: 'Only open sessions can be expired.' } }];
      session.status = 'expired';
      void this.emit('checkout.session.expired', session);
      return [200, session];
    }
    if (method === 'POST' && resource === 'refunds' && !id) {
      const intent = this.objects.get(String(params.payment_intent ?? ''));
      if (!intent || intent.status !== 'succeeded') return [400, { error: { type: 'invalid_request_error', message: 'This PaymentIntent has no successful charge to refund.' } }];
      const charge = this.must(intent.latest_charge);
      const amount = params.amount ? Number(params.amount) : undefined;
      if ((amount ?? 1) > charge.amount - this.refunded(charge)) {
        return [400, { error: { type: 'invalid_request_error', code: 'amount_too_large', message: 'Refund amount is greater than unrefunded amount on charge.' } }];
      }
      const refund = this.refund(intent, amount, params.metadata as Record<string, string> | undefined);
      void this.announceRefund(refund);
      return [200, refund];
    }
    if (method === 'POST' && resource === 'payment_intents' && !id) return this.chargeOffSession(params, expand);
    if (method === 'POST' && resource === 'payment_methods' && id && action === 'detach') {
      const card = this.objects.get(id) ?? this.demoCard(id, 'cus_demo');
      if (!card || card.object !== 'payment_method') return notFound(id);
      if (!card.customer) return [400, { error: { type: 'invalid_request_error', message: 'The payment method you provided is not attached to a customer so detachment is impossible.' } }];
      card.customer = null;
      void this.emit('payment_method.detached', card);
      return [200, card];
    }
    if (method === 'GET' && resource === 'refunds' && !id) {
      return [200, this.list((o) => o.object === 'refund' && (!params.charge || o.charge === params.charge), expand)];
    }
    if (method === 'GET' && resource === 'balance_transactions' && !id) {
      return [200, this.list((o) => o.object === 'balance_transaction' && (!params.payout || o.payout === params.payout), expand)];
    }
    if (method === 'GET' && id && !action) return this.found(id, expand);
    return notFound(path);
  }

  private found(id: string, expand: (o: StripeObject) => StripeObject): [number, unknown] {
    const object = this.objects.get(id);
    return object ? [200, expand(object)] : notFound(id);
  }

  // ---- objects ----

  private createCustomer(params: Record<string, FormValue>): StripeObject {
    return this.put({ id: this.newId('cus'), object: 'customer', email: params.email ?? null, name: params.name ?? null, metadata: params.metadata ?? {}, created: this.clock() });
  }

  private createSession(params: Record<string, FormValue>): StripeObject {
    const items = (params.line_items as Record<string, any>[] | undefined) ?? [];
    const amount = items.reduce((sum, item) => sum + Number(item.price_data?.unit_amount ?? 0) * Number(item.quantity ?? 1), 0);
    const currency = String(items[0]?.price_data?.currency ?? 'jpy');
    const intent = this.put({
      id: this.newId('pi'),
      object: 'payment_intent',
      amount,
      amount_received: 0,
      currency,
      status: 'requires_payment_method',
      customer: params.customer ?? null,
      metadata: (params.payment_intent_data as Record<string, any> | undefined)?.metadata ?? params.metadata ?? {},
      latest_charge: null,
      next_action: null,
      payment_method_types: params.allowed_payment_method_types ?? params.payment_method_types ?? ['card'],
      setup_future_usage: (params.payment_intent_data as Record<string, any> | undefined)?.setup_future_usage ?? null,
      payment_method_options: (params.payment_method_options as Record<string, any> | undefined)?.card ? { card: (params.payment_method_options as Record<string, any>).card } : {},
      payment_method: null,
      created: this.clock(),
    });
    const id = this.newId('cs_test');
    return this.put({
      id,
      object: 'checkout.session',
      mode: params.mode ?? 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_total: amount,
      currency,
      customer: params.customer ?? null,
      client_reference_id: params.client_reference_id ?? null,
      metadata: params.metadata ?? {},
      payment_intent: intent.id,
      payment_method_types: params.allowed_payment_method_types ?? params.payment_method_types ?? ['card'],
      payment_method_options: params.payment_method_options ?? {},
      success_url: params.success_url ?? null,
      cancel_url: params.cancel_url ?? null,
      expires_at: params.expires_at ? Number(params.expires_at) : this.clock() + 24 * 3600,
      url: `http://127.0.0.1:${this.port}/checkout/${id}`,
      created: this.clock(),
      livemode: false,
    });
  }

  /**
   * `POST /v1/payment_intents` with `confirm` and `off_session`: the saved card answers as the test set it
   * (`cardAnswers`): succeeded (payment_intent.succeeded follows), or a 402 card error — declined
   * (insufficient funds) or authentication_required — with the intent in `requires_payment_method`.
   */
  private chargeOffSession(params: Record<string, FormValue>, expand: (o: StripeObject) => StripeObject): [number, unknown] {
    const card = this.objects.get(String(params.payment_method ?? '')) ?? this.demoCard(String(params.payment_method ?? ''), params.customer);
    if (!card || card.object !== 'payment_method') return notFound(String(params.payment_method));
    if (card.customer !== params.customer) {
      return [400, { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'The provided PaymentMethod was previously used with a PaymentIntent without Customer attachment, or is not attached to this customer.' } }];
    }
    const intent = this.put({
      id: this.newId('pi'),
      object: 'payment_intent',
      amount: Number(params.amount),
      amount_received: 0,
      currency: String(params.currency ?? 'jpy'),
      status: 'requires_confirmation',
      customer: params.customer,
      payment_method: card.id,
      description: params.description ?? null,
      metadata: params.metadata ?? {},
      latest_charge: null,
      last_payment_error: null,
      next_action: null,
      payment_method_types: ['card'],
      off_session: true,
      idempotency_key: this.currentKey,
      created: this.clock(),
    });
    const answer = this.nextAnswers.get(card.id)?.shift() ?? this.cardAnswers.get(card.id) ?? 'succeed';
    if (answer === 'succeed') {
      this.succeed(intent, 'card');
      void this.emit('payment_intent.succeeded', intent);
      return [200, expand(intent)];
    }
    const error =
      answer === 'decline'
        ? { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' }
        : { type: 'card_error', code: 'authentication_required', decline_code: 'authentication_required', message: 'This payment requires authentication.' };
    intent.status = 'requires_payment_method';
    intent.last_payment_error = { ...error, payment_method: { id: card.id } };
    void this.emit('payment_intent.payment_failed', intent);
    return [402, { error: { ...error, payment_intent: structuredClone(intent) } }];
  }

  /**
   * The demo federation's saved cards (`pm_demo_…` on `cus_demo_…`, seeded into the database while this
   * fake starts empty on every `npm start`) exist as soon as they are used. Other unknown ids do not.
   */
  private demoCard(id: string, customer: FormValue | undefined): StripeObject | undefined {
    if (!/^pm_demo_/.test(id) || typeof customer !== 'string' || !customer.startsWith('cus_demo')) return undefined;
    return this.put({ id, object: 'payment_method', type: 'card', customer, card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2030 }, created: this.clock(), livemode: false, metadata: {} });
  }

  private succeed(intent: StripeObject, method: 'card' | 'konbini'): void {
    const fee = method === 'card' ? Math.round((intent.amount * (this.options.cardFeeBp ?? 360)) / 10_000) : (this.options.konbiniFee ?? 190);
    const charge = this.put({ id: this.newId('ch'), object: 'charge', amount: intent.amount, amount_refunded: 0, refunded: false, currency: intent.currency, payment_intent: intent.id, balance_transaction: null, payment_method_details: { type: method }, created: this.clock() });
    const balance = this.put({ id: this.newId('txn'), object: 'balance_transaction', type: 'charge', amount: intent.amount, fee, net: intent.amount - fee, currency: intent.currency, source: charge.id, created: this.clock() });
    charge.balance_transaction = balance.id;
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
    intent.latest_charge = charge.id;
  }

  /**
   * A refund of the charge. Card: succeeded at once. Konbini: `requires_action` until the payer
   * gives a bank account (provideRefundBankDetails); the money leaves the balance only then.
   */
  private refund(intent: StripeObject, amount?: number, metadata: Record<string, string> = {}): StripeObject {
    const charge = this.must(intent.latest_charge);
    const value = amount ?? charge.amount - this.refunded(charge);
    const konbini = charge.payment_method_details?.type === 'konbini';
    const refund = this.put({ id: this.newId('re'), object: 'refund', amount: value, charge: charge.id, payment_intent: intent.id, currency: charge.currency, status: konbini ? 'requires_action' : 'pending', reason: null, metadata, balance_transaction: null, created: this.clock() });
    if (!konbini) this.settleRefund(refund);
    return refund;
  }

  private settleRefund(refund: StripeObject): void {
    const charge = this.must(refund.charge);
    const balance = this.put({ id: this.newId('txn'), object: 'balance_transaction', type: 'refund', amount: -refund.amount, fee: 0, net: -refund.amount, currency: charge.currency, source: refund.id, created: this.clock() });
    refund.status = 'succeeded';
    refund.balance_transaction = balance.id;
    charge.amount_refunded += refund.amount;
    charge.refunded = charge.amount_refunded >= charge.amount;
  }

  /** Refunded or being refunded (not failed). */
  private refunded(charge: StripeObject): number {
    return [...this.objects.values()].filter((o) => o.object === 'refund' && o.charge === charge.id && o.status !== 'failed' && o.status !== 'canceled').reduce((sum, r) => sum + r.amount, 0);
  }

  private async announceRefund(refund: StripeObject): Promise<void> {
    await this.emit('refund.created', refund);
    if (refund.status === 'succeeded') await this.emit('charge.refunded', this.must(refund.charge));
  }

  private list(filter: (o: StripeObject) => boolean, expand: (o: StripeObject) => StripeObject): unknown {
    // Expanded as a whole, so `data.source` reaches each element.
    return expand({ id: 'list', object: 'list', data: [...this.objects.values()].filter(filter), has_more: false, url: '/v1/list' });
  }

  private konbiniExpiry(session: StripeObject): number {
    const days = Number(session.payment_method_options?.konbini?.expires_after_days ?? 3);
    // 23:59:59 JST of the last day.
    const jstMidnight = Math.floor((this.clock() + 9 * 3600) / 86_400) * 86_400 - 9 * 3600;
    return jstMidnight + (days + 1) * 86_400 - 1;
  }

  private expand(object: StripeObject, paths: string[]): StripeObject {
    const copy = structuredClone(object);
    for (const path of paths) {
      let nodes: Record<string, any>[] = [copy];
      for (const field of path.split('.')) {
        const next: Record<string, any>[] = [];
        for (const node of nodes) {
          if (typeof node[field] === 'string' && this.objects.has(node[field])) node[field] = structuredClone(this.objects.get(node[field]));
          if (Array.isArray(node[field])) next.push(...node[field]);
          else if (node[field] && typeof node[field] === 'object') next.push(node[field]);
        }
        nodes = next;
      }
    }
    return copy;
  }

  private async emit(type: string, object: StripeObject): Promise<void> {
    const event = { id: this.newId('evt'), object: 'event', api_version: API_VERSION, created: this.clock(), type, livemode: false, pending_webhooks: 1, request: { id: null }, data: { object: structuredClone(object) } };
    const payload = JSON.stringify(event);
    this.events.push({ id: event.id, type, payload });
    await this.send(payload);
  }

  private async send(payload: string): Promise<number> {
    if (!this.deliverer) return 0;
    // Signed at the real time: the receiver checks the timestamp against its own wall clock.
    const signature = this.signer.webhooks.generateTestHeaderString({ payload, secret: this.webhookSecret, timestamp: Math.floor(Date.now() / 1000) });
    return this.deliverer(payload, signature);
  }

  private put(object: StripeObject): StripeObject {
    this.objects.set(object.id, object);
    return object;
  }

  private must(id: string): StripeObject {
    const object = this.objects.get(id);
    if (!object) throw new Error(`fake Stripe has no ${id}`);
    return object;
  }

  private newId(prefix: string): string {
    return `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
  }
}

function notFound(what: string): [number, unknown] {
  return [404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such object: '${what}'` } }];
}
