import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Money, MoneyObject } from '#core';
import { PaymentDisputeStatus, type PaymentDispute } from '../payment-dispute.entity.js';
import { PaymentRefundStatus, type PaymentRefund } from '../payment-refund.entity.js';

registerEnumType(PaymentRefundStatus, {
  name: 'PaymentRefundStatus',
  description:
    'PENDING (asked of Stripe), AWAITING_BANK_DETAILS (konbini: Stripe waits for the payer’s bank account, can take weeks / 口座情報待ち), SUCCEEDED (money returned, books reversed), FAILED',
});
registerEnumType(PaymentDisputeStatus, { name: 'PaymentDisputeStatus', description: 'OPEN (amount held in the disputes account), WON, LOST (written off like a refund)' });

@ObjectType('PaymentRefund', { description: 'A Stripe refund of (part of) an online payment, ours or made in the Stripe dashboard / 返金' })
export class PaymentRefundObject {
  @Field(() => ID) id: string;
  @Field(() => ID) paymentId: string;
  @Field({ description: 'Stripe refund id (re_…)' }) stripeRefundId: string;
  @Field(() => MoneyObject) amount: MoneyObject;
  @Field(() => PaymentRefundStatus) status: PaymentRefundStatus;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field(() => ID, { nullable: true, description: 'Who asked; null for a refund made in the Stripe dashboard' }) requestedBy: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the books were reversed for it' }) bookedAt: Date | null;
  @Field(() => GraphQLISODateTime) createdAt: Date;

  static from(r: PaymentRefund): PaymentRefundObject {
    return Object.assign(new PaymentRefundObject(), {
      id: r.id,
      paymentId: r.paymentId,
      stripeRefundId: r.stripeRefundId,
      amount: MoneyObject.from(Money.of(r.amount, r.currency.trim())),
      status: r.status,
      reason: r.reason,
      requestedBy: r.requestedBy,
      bookedAt: r.bookedAt,
      createdAt: r.createdAt,
    });
  }
}

@ObjectType('PaymentDispute', { description: 'A Stripe dispute (chargeback) of an online payment / チャージバック' })
export class PaymentDisputeObject {
  @Field(() => ID) id: string;
  @Field(() => ID) paymentId: string;
  @Field({ description: 'Stripe dispute id (du_…)' }) stripeDisputeId: string;
  @Field(() => MoneyObject) amount: MoneyObject;
  @Field(() => PaymentDisputeStatus) status: PaymentDisputeStatus;
  @Field(() => String, { nullable: true, description: 'Stripe’s reason (fraudulent, duplicate, …)' }) reason: string | null;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) closedAt: Date | null;

  static from(d: PaymentDispute): PaymentDisputeObject {
    return Object.assign(new PaymentDisputeObject(), {
      id: d.id,
      paymentId: d.paymentId,
      stripeDisputeId: d.stripeDisputeId,
      amount: MoneyObject.from(Money.of(d.amount, d.currency.trim())),
      status: d.status,
      reason: d.reason,
      createdAt: d.createdAt,
      closedAt: d.closedAt,
    });
  }
}
