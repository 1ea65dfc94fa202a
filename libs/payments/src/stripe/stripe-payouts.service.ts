import { Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import { TransactionService, toBusinessDate } from '#core';
import { OnlinePaymentFinder } from './online-payment-finder.js';
import { StripePayout, StripePayoutTransaction } from './stripe-payout.entity.js';
import { StripeClient } from './stripe-client.js';

export interface StripePayoutWithTransactions extends StripePayout {
  transactions: StripePayoutTransaction[];
}

/**
 * Stripe payouts to the bank, for reconciliation (libs/reconciliation matches them with bank
 * statement lines; nothing is posted here). `sync` (payout.paid and other payout.* events) stores
 * the payout as Stripe has it now and the balance transactions it carried (charges with their
 * fees, refunds, dispute adjustments), each linked to our payment when it is one.
 *   list({ from, to })              payouts arriving in that range (YYYY-MM-DD, inclusive), oldest first
 *   findByArrival(amount, date)     the payouts of exactly that amount arriving that day (a bank line)
 */
@Injectable()
export class StripePayouts {
  constructor(
    private readonly tx: TransactionService,
    private readonly stripe: StripeClient,
    private readonly finder: OnlinePaymentFinder,
  ) {}

  async sync(payoutId: string): Promise<'synced'> {
    const stripe = this.stripe.api;
    const payout = await stripe.payouts.retrieve(payoutId);
    const transactions: Stripe.BalanceTransaction[] = [];
    for await (const txn of stripe.balanceTransactions.list({ payout: payoutId, limit: 100, expand: ['data.source'] })) transactions.push(txn);
    const rows = await Promise.all(transactions.filter((t) => t.type !== 'payout').map((t) => this.row(payoutId, t)));
    await this.tx.run(async (m) => {
      await m.query(
        `INSERT INTO stripe_payouts (id, amount, currency, arrival_date, status) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET amount = EXCLUDED.amount, arrival_date = EXCLUDED.arrival_date, status = EXCLUDED.status`,
        [payout.id, payout.amount, payout.currency.toUpperCase(), toBusinessDate(new Date(payout.arrival_date * 1000)), payout.status],
      );
      if (rows.length > 0) await this.tx.repository(StripePayoutTransaction).createQueryBuilder().insert().values(rows).orIgnore().execute();
    });
    return 'synced';
  }

  async list(range: { from?: string | null; to?: string | null } = {}): Promise<StripePayoutWithTransactions[]> {
    const qb = this.tx.repository(StripePayout).createQueryBuilder('p').orderBy('p.arrival_date').addOrderBy('p.id');
    if (range.from) qb.andWhere('p.arrival_date >= :from', { from: range.from });
    if (range.to) qb.andWhere('p.arrival_date <= :to', { to: range.to });
    return this.withTransactions(await qb.getMany());
  }

  async findByArrival(amount: bigint, date: string): Promise<StripePayoutWithTransactions[]> {
    const payouts = await this.tx.repository(StripePayout).find({ where: { amount, arrivalDate: date }, order: { id: 'ASC' } });
    return this.withTransactions(payouts);
  }

  private async withTransactions(payouts: StripePayout[]): Promise<StripePayoutWithTransactions[]> {
    if (payouts.length === 0) return [];
    const txns = await this.tx
      .repository(StripePayoutTransaction)
      .createQueryBuilder('t')
      .where('t.payout_id = ANY(:ids)', { ids: payouts.map((p) => p.id) })
      .orderBy('t.id')
      .getMany();
    return payouts.map((p) => Object.assign(p, { transactions: txns.filter((t) => t.payoutId === p.id) }));
  }

  private async row(payoutId: string, t: Stripe.BalanceTransaction): Promise<StripePayoutTransaction> {
    const source = t.source && typeof t.source === 'object' ? (t.source as { id: string; payment_intent?: string | { id: string } | null }) : null;
    const sourceId = source?.id ?? (typeof t.source === 'string' ? t.source : null);
    const intent = typeof source?.payment_intent === 'string' ? source.payment_intent : (source?.payment_intent?.id ?? null);
    const payment = intent ? await this.finder.find(intent) : null;
    return Object.assign(new StripePayoutTransaction(), {
      id: t.id,
      payoutId,
      type: t.type,
      amount: BigInt(t.amount),
      fee: BigInt(t.fee),
      net: BigInt(t.net),
      sourceId,
      paymentId: payment?.id ?? null,
    });
  }
}
