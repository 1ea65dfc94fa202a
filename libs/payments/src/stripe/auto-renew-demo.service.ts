import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import { SYSTEM_ACTOR } from '#auth';
import { MembershipAutoRenew } from '#dues';
import { SavedCards } from './saved-cards.service.js';

/**
 * The demo federation's auto-renew members: auto-renew on, a Stripe customer and a saved card each
 * (`cus_demo_<member number>`, `pm_demo_<member number>`, VISA 4242 12/2030) — ids the development
 * fake Stripe accepts as existing (it starts empty on every `npm start`). In the seed's transaction.
 */
@Injectable()
export class AutoRenewDemo {
  constructor(
    private readonly tx: TransactionService,
    private readonly autoRenew: MembershipAutoRenew,
    private readonly cards: SavedCards,
  ) {}

  async seed(members: readonly { memberId: string; memberNumber: string; membershipId: string }[]): Promise<number> {
    for (const m of members) {
      await this.autoRenew.set(SYSTEM_ACTOR, m.membershipId, true);
      await this.tx.manager.query(`INSERT INTO stripe_customers (member_id, customer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [m.memberId, `cus_demo_${m.memberNumber}`]);
      await this.cards.save(m.memberId, { id: `pm_demo_${m.memberNumber}`, object: 'payment_method', type: 'card', card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2030 } } as never);
    }
    return members.length;
  }
}
