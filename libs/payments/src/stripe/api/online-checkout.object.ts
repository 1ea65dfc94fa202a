import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Money, MoneyObject } from '#core';
import { OnlineCheckoutStatus, type OnlineCheckout } from '../online-checkout.entity.js';

registerEnumType(OnlineCheckoutStatus, {
  name: 'OnlineCheckoutStatus',
  description: 'OPEN (page open, unpaid), AWAITING_KONBINI (voucher issued, awaiting payment at the konbini), PAID, EXPIRED, FAILED',
});

@ObjectType('OnlineCheckout', { description: 'A Stripe Checkout of a dues invoice (card or konbini) / オンライン決済' })
export class OnlineCheckoutObject {
  @Field(() => ID) id: string;
  @Field(() => ID) invoiceId: string;
  @Field(() => OnlineCheckoutStatus) status: OnlineCheckoutStatus;
  @Field(() => MoneyObject) amount: MoneyObject;
  @Field({ description: 'Stripe Checkout page to send the payer to' }) url: string;
  @Field(() => GraphQLISODateTime, { description: 'Until when the Checkout page can be used' }) expiresAt: Date;
  @Field(() => String, { nullable: true, description: 'CARD or KONBINI, once the payer chose' }) method: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Konbini voucher expiry (23:59:59 JST of its last day)' }) konbiniExpiresAt: Date | null;
  @Field(() => ID, { nullable: true, description: 'The payment recorded when the money arrived' }) paymentId: string | null;

  static from(c: OnlineCheckout): OnlineCheckoutObject {
    return Object.assign(new OnlineCheckoutObject(), {
      id: c.id,
      invoiceId: c.invoiceId,
      status: c.status,
      amount: MoneyObject.from(Money.of(c.amount, c.currency)),
      url: c.url,
      expiresAt: c.expiresAt,
      method: c.method,
      konbiniExpiresAt: c.konbiniExpiresAt,
      paymentId: c.paymentId,
    });
  }
}
