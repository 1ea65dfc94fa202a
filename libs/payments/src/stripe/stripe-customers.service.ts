import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import { MemberDirectory } from '#members';
import { StripeClient } from './stripe-client.js';

/**
 * One Stripe customer per member: created once with an idempotency key per member (two
 * concurrent first payments create one customer), stored, and reused afterwards.
 */
@Injectable()
export class StripeCustomers {
  constructor(
    private readonly tx: TransactionService,
    private readonly stripe: StripeClient,
    private readonly members: MemberDirectory,
  ) {}

  async ensure(memberId: string): Promise<string> {
    const known = await this.find(memberId);
    if (known) return known;
    const member = await this.members.get(memberId);
    // Outside any transaction: nothing waits on Stripe while holding a database lock.
    const customer = await this.stripe.api.customers.create(
      { email: member.email ?? undefined, name: member.name, metadata: { memberId, memberNumber: member.memberNumber } },
      { idempotencyKey: `rentai-customer-${memberId}` },
    );
    await this.tx.manager.query(`INSERT INTO stripe_customers (member_id, customer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [memberId, customer.id]);
    return (await this.find(memberId))!;
  }

  private async find(memberId: string): Promise<string | null> {
    const rows: { customer_id: string }[] = await this.tx.manager.query(`SELECT customer_id FROM stripe_customers WHERE member_id = $1`, [memberId]);
    return rows[0]?.customer_id ?? null;
  }
}
