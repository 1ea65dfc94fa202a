import { Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import { TransactionService } from '#core';
import { Role, type Actor } from '#auth';
import { AuditLog } from '#audit';
import { OnlinePaymentsError } from './online-payments.errors.js';
import { SavedCard } from './saved-card.entity.js';
import { StripeClient } from './stripe-client.js';

/**
 * The card a member saved for off-session use: stored when a Checkout paid with
 * setup_future_usage (auto-renew on) or a SetupIntent succeeded, shown to the member (brand,
 * last 4 digits, expiry), removed by them (detached at Stripe first, then forgotten here).
 */
@Injectable()
export class SavedCards {
  constructor(
    private readonly tx: TransactionService,
    private readonly stripe: StripeClient,
    private readonly audit: AuditLog,
  ) {}

  find(memberId: string): Promise<SavedCard | null> {
    return this.tx.repository(SavedCard).findOneBy({ memberId });
  }

  /** The member's own card (members only: staff never see a member's card). */
  async mine(actor: Actor): Promise<SavedCard | null> {
    return this.find(this.ownMember(actor));
  }

  /**
   * Remembers the card as the member's default (the latest saved replaces an earlier one). In the
   * caller's transaction. A card of another type than `card`, or without details, is not saved.
   */
  async save(memberId: string, method: Stripe.PaymentMethod | string | null | undefined): Promise<void> {
    if (!method || typeof method === 'string' || method.type !== 'card' || !method.card) return;
    const { brand, last4, exp_month, exp_year } = method.card;
    await this.tx.manager.query(
      `INSERT INTO stripe_saved_cards (member_id, payment_method_id, brand, last4, exp_month, exp_year) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (member_id) DO UPDATE SET payment_method_id = EXCLUDED.payment_method_id, brand = EXCLUDED.brand, last4 = EXCLUDED.last4,
         exp_month = EXCLUDED.exp_month, exp_year = EXCLUDED.exp_year, saved_at = now()
       WHERE stripe_saved_cards.payment_method_id IS DISTINCT FROM EXCLUDED.payment_method_id`,
      [memberId, method.id, brand, last4, exp_month, exp_year],
    );
  }

  /** setup_intent.succeeded: the card it saved becomes the default of the customer's member. 'unknown' for another system's customer. */
  async syncSetupIntent(setupIntentId: string): Promise<'synced' | 'unknown'> {
    const setup = await this.stripe.api.setupIntents.retrieve(setupIntentId, { expand: ['payment_method'] });
    const customerId = typeof setup.customer === 'string' ? setup.customer : setup.customer?.id;
    if (setup.status !== 'succeeded' || !customerId) return 'unknown';
    const [owner]: { member_id: string }[] = await this.tx.manager.query(`SELECT member_id FROM stripe_customers WHERE customer_id = $1`, [customerId]);
    if (!owner) return 'unknown';
    await this.tx.run(() => this.save(owner.member_id, setup.payment_method));
    return 'synced';
  }

  /** The member removes their card: detached at Stripe (outside any transaction), then forgotten. Auto-renew then has no card to charge. */
  async remove(actor: Actor): Promise<boolean> {
    const memberId = this.ownMember(actor);
    const card = await this.find(memberId);
    if (!card) return false;
    await this.stripe.api.paymentMethods.detach(card.paymentMethodId).catch((error: { code?: string }) => {
      // Already detached at Stripe (the dashboard, an earlier attempt that crashed): forget it here too.
      if (error?.code !== 'resource_missing' && !/not attached/.test(String((error as Error).message))) throw error;
    });
    await this.tx.run(async () => {
      await this.tx.manager.query(`DELETE FROM stripe_saved_cards WHERE member_id = $1 AND payment_method_id = $2`, [memberId, card.paymentMethodId]);
      await this.audit.record(actor, { action: 'saved_card.remove', entityType: 'Member', entityId: memberId, before: { brand: card.brand, last4: card.last4 } });
    });
    return true;
  }

  private ownMember(actor: Actor): string {
    if (!actor.has(Role.MEMBER) || !actor.memberId) throw OnlinePaymentsError.savedCardMemberOnly();
    return actor.memberId;
  }
}
