import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, Money, MoneyObject } from '#core';
import { DonationChannel, DonationDisputeStatus, DonationMethod, DonationStatus, MonthlyGiftStatus, ReceiptPreference } from '../donation-enums.js';
import type { Donation } from '../donation.repository.js';
import type { Fund } from '../fund.repository.js';
import type { MonthlyGift, MonthlyGiftCharge } from '../monthly-gift.repository.js';

@ObjectType('Fund', { description: '基金 / 使途指定: what donations are given to' })
export class FundObject {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() nameJa: string;
  @Field() nameEn: string;
  @Field(() => ID, { description: 'The book that receives it' }) bookId: string;
  @Field(() => ID, { nullable: true }) branchId: string | null;
  @Field() restricted: boolean;
  @Field() open: boolean;

  static from(f: Fund): FundObject {
    return Object.assign(new FundObject(), { id: f.id, code: f.code, nameJa: f.nameJa, nameEn: f.nameEn, bookId: f.bookId, branchId: f.branchId, restricted: f.restricted, open: f.open });
  }
}

@ObjectType('Donation')
export class DonationObject {
  @Field(() => ID) id: string;
  @Field(() => ID) fundId: string;
  @Field(() => ID) donorId: string;
  @Field(() => ID, { nullable: true }) memberId: string | null;
  @Field(() => ID, { nullable: true, description: 'The branch credited' }) branchId: string | null;
  @Field(() => MoneyObject) amount: MoneyObject;
  @Field(() => MoneyObject, { description: 'What Stripe kept' }) fee: MoneyObject;
  @Field(() => MoneyObject) refunded: MoneyObject;
  @Field(() => DonationMethod, { nullable: true }) method: DonationMethod | null;
  @Field(() => DonationChannel) channel: DonationChannel;
  @Field(() => DonationStatus) status: DonationStatus;
  @Field(() => DonationDisputeStatus, { nullable: true, description: 'The latest dispute (chargeback) of its charge: OPEN, WON or LOST; null when never disputed' })
  disputeStatus: DonationDisputeStatus | null;
  @Field() anonymous: boolean;
  @Field(() => ReceiptPreference) receiptPreference: ReceiptPreference;
  @Field(() => String, { nullable: true }) receivedOn: string | null;
  @Field(() => String, { nullable: true, description: 'The Stripe Checkout page to pay at' }) checkoutUrl: string | null;
  @Field(() => Date, { nullable: true, description: 'Konbini: the voucher’s expiry (23:59:59 JST)' }) konbiniExpiresAt: Date | null;
  @Field(() => ID, { nullable: true }) monthlyGiftId: string | null;

  static from(d: Donation): DonationObject {
    return Object.assign(new DonationObject(), {
      ...d,
      amount: MoneyObject.from(Money.of(d.amount, d.currency)),
      fee: MoneyObject.from(Money.of(d.fee, d.currency)),
      refunded: MoneyObject.from(Money.of(d.refundedAmount, d.currency)),
    });
  }
}

export const DonationConnection = Connection(DonationObject);

@ObjectType('MonthlyGiftCharge', { description: 'One month of a monthly gift' })
export class MonthlyGiftChargeObject {
  @Field() period: string;
  @Field(() => Int) attempts: number;
  @Field() status: string;
  @Field(() => String, { nullable: true }) nextRetryOn: string | null;
  @Field(() => ID, { nullable: true }) donationId: string | null;

  static from(c: MonthlyGiftCharge): MonthlyGiftChargeObject {
    return Object.assign(new MonthlyGiftChargeObject(), { period: c.period, attempts: c.attempts, status: c.status, nextRetryOn: c.nextRetryOn, donationId: c.donationId });
  }
}

@ObjectType('MonthlyGift', { description: '毎月の寄附: charged each month on a saved card' })
export class MonthlyGiftObject {
  @Field(() => ID) id: string;
  @Field(() => ID) fundId: string;
  @Field(() => ID) memberId: string;
  @Field(() => ID, { nullable: true }) branchId: string | null;
  @Field(() => MoneyObject) amount: MoneyObject;
  @Field(() => MonthlyGiftStatus) status: MonthlyGiftStatus;
  @Field() anonymous: boolean;
  @Field(() => ReceiptPreference) receiptPreference: ReceiptPreference;
  @Field(() => Int) dayOfMonth: number;
  @Field(() => String, { nullable: true }) nextChargeOn: string | null;
  @Field(() => String, { nullable: true, description: 'The first month’s Checkout page (saves the card)' }) checkoutUrl: string | null;
  @Field(() => String, { nullable: true, description: 'BY_DONOR, DECLINED …' }) pausedReason: string | null;

  static from(g: MonthlyGift): MonthlyGiftObject {
    return Object.assign(new MonthlyGiftObject(), { ...g, amount: MoneyObject.from(Money.of(g.amount, g.currency)) });
  }
}

@ObjectType('PublicDonation', { description: 'A donation as a public list shows it: anonymous donors are not named' })
export class PublicDonationObject {
  @Field({ description: 'The donor’s name, or 匿名 / Anonymous' }) donorName: string;
  @Field(() => MoneyObject) amount: MoneyObject;
  @Field() receivedOn: string;
}
