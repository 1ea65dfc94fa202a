import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, Money, MoneyObject } from '#core';
import './dues-enums.graphql.js';
import { InvoiceStatus } from '../dues-enums.js';
import { DUES_TAX_NOTE, RecognitionPolicy } from '../recognition-policy.js';
import type { Invoice } from '../invoice.entity.js';

@ObjectType('DuesInvoice', { description: '会費請求書: amount and shares are a snapshot of the plan at issue' })
export class InvoiceObject {
  @Field(() => ID) id: string;
  @Field({ description: 'e.g. TKY-2027-000042: gap-free per branch and fiscal year' }) number: string;
  @Field(() => Int) fiscalYear: number;
  @Field(() => Int) sequence: number;
  @Field(() => ID) membershipId: string;
  @Field(() => ID) memberId: string;
  @Field(() => ID) branchId: string;
  @Field(() => ID) planId: string;
  @Field({ description: 'YYYY-MM-DD' }) periodStart: string;
  @Field({ description: 'YYYY-MM-DD' }) periodEnd: string;
  @Field() issuedOn: string;
  @Field() dueOn: string;
  @Field(() => MoneyObject) amount: MoneyObject;
  @Field(() => MoneyObject) federationShare: MoneyObject;
  @Field(() => MoneyObject) branchShare: MoneyObject;
  @Field(() => MoneyObject) paid: MoneyObject;
  @Field(() => MoneyObject) outstanding: MoneyObject;
  @Field(() => Int, { nullable: true, description: 'Months charged when a joiner paid only the remaining months' }) proratedMonths: number | null;
  @Field(() => InvoiceStatus) status: InvoiceStatus;
  @Field(() => RecognitionPolicy, { description: 'The basis it was issued on: ACCRUAL (in 未収会費) or ON_RECEIPT (a claim; the ledger moves when paid)' })
  recognition: RecognitionPolicy;
  @Field({ description: 'What the dues notice (and the receipt) tells the member: dues are outside the scope of consumption tax (不課税, 消費税法基本通達 5-5-3)' })
  taxNote: string;
  @Field(() => String, { nullable: true }) paidOn: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) voidedAt: Date | null;
  @Field(() => String, { nullable: true }) voidReason: string | null;

  static from(i: Invoice): InvoiceObject {
    const money = (amount: bigint) => MoneyObject.from(Money.of(amount, i.currency));
    return Object.assign(new InvoiceObject(), {
      id: i.id,
      number: i.number,
      fiscalYear: i.fiscalYear,
      sequence: i.sequence,
      membershipId: i.membershipId,
      memberId: i.memberId,
      branchId: i.branchId,
      planId: i.planId,
      periodStart: i.periodStart,
      periodEnd: i.periodEnd,
      issuedOn: i.issuedOn,
      dueOn: i.dueOn,
      amount: money(i.amount),
      federationShare: money(i.federationShare),
      branchShare: money(i.branchShare),
      paid: money(i.paidAmount),
      outstanding: money(i.status === InvoiceStatus.VOID ? 0n : i.amount - i.paidAmount),
      proratedMonths: i.proratedMonths,
      status: i.status,
      recognition: i.recognition,
      taxNote: DUES_TAX_NOTE,
      paidOn: i.paidOn,
      voidedAt: i.voidedAt,
      voidReason: i.voidReason,
    });
  }
}

export const InvoiceConnection = Connection(InvoiceObject, 'DuesInvoice');
