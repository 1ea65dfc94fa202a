import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** The one Stripe customer of a member, created once (idempotency key per member) and reused. */
@Entity('stripe_customers')
@Index('stripe_customers_customer_key', ['customerId'], { unique: true })
export class StripeCustomer {
  @PrimaryColumn('uuid', { name: 'member_id' })
  memberId: string;

  @Column('text', { name: 'customer_id' })
  customerId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
