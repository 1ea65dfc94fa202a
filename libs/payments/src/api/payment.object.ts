import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, Money, MoneyObject } from '#core';
import type { Payment } from '../payment.entity.js';
import type { PaymentAllocation } from '../payment-allocation.entity.js';
import type { MemberCreditBalance, MemberCreditInBook } from '../member-credit.service.js';
import { AllocationSource, PaymentMethod, PaymentStatus } from './payment-enums.js';

@ObjectType('PaymentAllocation')
export class PaymentAllocationObject {
  @Field(() => ID) id: string;
  @Field(() => ID) paymentId: string;
  @Field(() => ID) invoiceId: string;
  @Field(() => MoneyObject) amount: MoneyObject;
  @Field(() => AllocationSource) source: AllocationSource;
  @Field() appliedOn: string;
  @Field({ description: 'Released when the payment was voided' }) released: boolean;

  static from(a: PaymentAllocation, currency: string): PaymentAllocationObject {
    return Object.assign(new PaymentAllocationObject(), {
      id: a.id,
      paymentId: a.paymentId,
      invoiceId: a.invoiceId,
      amount: MoneyObject.from(Money.of(a.amount, currency)),
      source: a.source,
      appliedOn: a.appliedOn,
      released: a.releasedAt !== null,
    });
  }
}

@ObjectType('Payment')
export class PaymentObject {
  @Field(() => ID) id: string;
  @Field(() => ID) branchId: string;
  @Field(() => ID) memberId: string;
  @Field(() => PaymentMethod) method: PaymentMethod;
  @Field(() => String, { nullable: true }) reference: string | null;
  @Field(() => MoneyObject) amount: MoneyObject;
  @Field(() => MoneyObject) fee: MoneyObject;
  @Field(() => MoneyObject, { description: 'Part of this payment not (or no longer) applied to invoices: member credit' }) unallocated: MoneyObject;
  @Field(() => MoneyObject, { description: 'Refunded through Stripe or lost in a dispute (no longer the member’s credit) / 返金・チャージバック額' }) takenBack: MoneyObject;
  @Field() receivedOn: string;
  @Field(() => String, { nullable: true, description: 'Date of the journal entry (later than receivedOn when that month was closed)' }) postedOn: string | null;
  @Field(() => ID, { nullable: true, description: 'Its journal entry in the collecting book (journalEntry(id:)); null for a payment not posted' })
  journalEntryId: string | null;
  @Field(() => PaymentStatus) status: PaymentStatus;
  @Field(() => String, { nullable: true }) memo: string | null;
  @Field(() => [PaymentAllocationObject]) allocations: PaymentAllocationObject[];
  @Field(() => ID) recordedBy: string;
  @Field(() => GraphQLISODateTime) recordedAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) voidedAt: Date | null;
  @Field(() => String, { nullable: true }) voidReason: string | null;

  static from(p: Payment, allocations: readonly PaymentAllocation[]): PaymentObject {
    const live = allocations.filter((a) => a.releasedAt === null).reduce((s, a) => s + a.amount, 0n);
    const unallocated = p.status === 'VOIDED' ? 0n : p.amount - p.takenBack - live;
    return Object.assign(new PaymentObject(), {
      id: p.id,
      branchId: p.branchId,
      memberId: p.memberId,
      method: p.method,
      reference: p.reference,
      amount: MoneyObject.from(Money.of(p.amount, p.currency)),
      fee: MoneyObject.from(Money.of(p.fee, p.currency)),
      unallocated: MoneyObject.from(Money.of(unallocated, p.currency)),
      takenBack: MoneyObject.from(Money.of(p.takenBack, p.currency)),
      receivedOn: p.receivedOn,
      postedOn: p.postedOn,
      journalEntryId: p.journalEntryId,
      status: p.status,
      memo: p.memo,
      allocations: allocations.map((a) => PaymentAllocationObject.from(a, p.currency)),
      recordedBy: p.recordedBy,
      recordedAt: p.recordedAt,
      voidedAt: p.voidedAt,
      voidReason: p.voidReason,
    });
  }
}

export const PaymentConnection = Connection(PaymentObject);

@ObjectType('PaymentMethodTotal')
export class PaymentMethodTotalObject {
  @Field(() => PaymentMethod) method: PaymentMethod;
  @Field(() => Int) count: number;
  @Field(() => MoneyObject) amount: MoneyObject;
  @Field(() => MoneyObject) fee: MoneyObject;
}

@ObjectType('MemberCreditInBook', { description: "A member's credit held in one branch's book" })
export class MemberCreditInBookObject {
  @Field(() => ID) branchId: string;
  @Field(() => ID) bookId: string;
  @Field(() => MoneyObject) available: MoneyObject;
  @Field({ description: "Whether the caller may apply it (to this branch's invoices of the member)" }) canApply: boolean;

  static from(b: MemberCreditInBook): MemberCreditInBookObject {
    return Object.assign(new MemberCreditInBookObject(), { branchId: b.branchId, bookId: b.bookId, available: MoneyObject.from(b.available), canApply: b.canApply });
  }
}

@ObjectType('MemberCredit')
export class MemberCreditObject {
  @Field(() => ID) memberId: string;
  @Field(() => MoneyObject, { description: "Unallocated money of recorded payments in the books the caller may read; each book's credit pays that branch's invoices only" })
  available: MoneyObject;
  @Field(() => [MemberCreditInBookObject], { description: 'The same, per book (after a transfer a member may hold credit in two)' }) books: MemberCreditInBookObject[];
  @Field(() => [ID], { description: 'Payments holding the credit, oldest first' }) paymentIds: string[];

  static from(b: MemberCreditBalance): MemberCreditObject {
    return Object.assign(new MemberCreditObject(), {
      memberId: b.memberId,
      available: MoneyObject.from(b.available),
      books: b.books.map(MemberCreditInBookObject.from),
      paymentIds: b.paymentIds,
    });
  }
}
