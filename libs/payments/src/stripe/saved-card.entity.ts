import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * The card a member saved for off-session use (auto-renew): one per member, the latest saved
 * replacing the one before. Only what the member needs to recognise it — never the card number.
 */
@Entity('stripe_saved_cards')
@Index('stripe_saved_cards_payment_method_key', ['paymentMethodId'], { unique: true })
export class SavedCard {
  @PrimaryColumn('uuid', { name: 'member_id' })
  memberId: string;

  /** pm_… on the member's Stripe customer. */
  @Column('text', { name: 'payment_method_id' })
  paymentMethodId: string;

  /** visa, mastercard, jcb, amex … */
  @Column('text')
  brand: string;

  @Column('char', { length: 4 })
  last4: string;

  @Column('smallint', { name: 'exp_month' })
  expMonth: number;

  @Column('smallint', { name: 'exp_year' })
  expYear: number;

  @UpdateDateColumn({ name: 'saved_at', type: 'timestamptz' })
  savedAt: Date;
}
