import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, Money, MoneyObject } from '#core';
import type { ArrearsEntry } from '../dues-reports.service.js';
import type { BranchTotalLine, StatusLine } from '../dues-report-csv.js';
import type { FiscalYearIssuanceResult } from '../fiscal-year-issuance.service.js';
import { InvoiceObject } from './invoice.object.js';
import { RecognitionPolicy } from '../recognition-policy.js';
import './dues-enums.graphql.js';

const money = (amount: bigint, currency: string) => MoneyObject.from(Money.of(amount, currency));

@ObjectType('DuesStatusRow', { description: 'Dues of a fiscal year for one branch and plan (void invoices left out)' })
export class DuesStatusRowObject {
  @Field(() => ID) branchId: string;
  @Field(() => RecognitionPolicy, { description: "The branch book's dues basis: invoice figures are the same on both; ON_RECEIPT books recognise only what was paid" })
  recognition: RecognitionPolicy;
  @Field() branchCode: string;
  @Field(() => ID) planId: string;
  @Field() planCode: string;
  @Field() planNameJa: string;
  @Field() planNameEn: string;
  @Field(() => Int, { description: 'Members invoiced' }) members: number;
  @Field(() => Int) invoicedCount: number;
  @Field(() => MoneyObject) invoiced: MoneyObject;
  @Field(() => Int, { description: 'Invoices paid in full' }) paidCount: number;
  @Field(() => MoneyObject, { description: 'Everything paid, part payments included' }) paid: MoneyObject;
  @Field(() => Int, { description: 'Invoices open or part-paid' }) outstandingCount: number;
  @Field(() => MoneyObject) outstanding: MoneyObject;

  static from(r: StatusLine): DuesStatusRowObject {
    return Object.assign(new DuesStatusRowObject(), {
      branchId: r.branchId,
      recognition: r.recognition,
      branchCode: r.branchCode,
      planId: r.planId,
      planCode: r.planCode,
      planNameJa: r.planNameJa,
      planNameEn: r.planNameEn,
      members: r.members,
      invoicedCount: r.invoicedCount,
      invoiced: money(r.invoicedAmount, r.currency),
      paidCount: r.paidCount,
      paid: money(r.paidAmount, r.currency),
      outstandingCount: r.outstandingCount,
      outstanding: money(r.outstandingAmount, r.currency),
    });
  }
}

@ObjectType('DuesBranchTotal', { description: "A branch's dues of a fiscal year, with the federation's and the branch's shares" })
export class DuesBranchTotalObject {
  @Field(() => ID) branchId: string;
  @Field(() => RecognitionPolicy, { description: "The branch book's dues basis: invoice figures are the same on both; ON_RECEIPT books recognise only what was paid" })
  recognition: RecognitionPolicy;
  @Field() branchCode: string;
  @Field() branchNameJa: string;
  @Field(() => Int) members: number;
  @Field(() => Int) invoicedCount: number;
  @Field(() => MoneyObject) invoiced: MoneyObject;
  @Field(() => MoneyObject) federationShare: MoneyObject;
  @Field(() => MoneyObject) branchShare: MoneyObject;
  @Field(() => Int) paidCount: number;
  @Field(() => MoneyObject) paid: MoneyObject;
  @Field(() => Int) outstandingCount: number;
  @Field(() => MoneyObject) outstanding: MoneyObject;

  static from(r: BranchTotalLine): DuesBranchTotalObject {
    return Object.assign(new DuesBranchTotalObject(), {
      branchId: r.branchId,
      recognition: r.recognition,
      branchCode: r.branchCode,
      branchNameJa: r.branchNameJa,
      members: r.members,
      invoicedCount: r.invoicedCount,
      invoiced: money(r.invoicedAmount, r.currency),
      federationShare: money(r.federationShare, r.currency),
      branchShare: money(r.branchShare, r.currency),
      paidCount: r.paidCount,
      paid: money(r.paidAmount, r.currency),
      outstandingCount: r.outstandingCount,
      outstanding: money(r.outstandingAmount, r.currency),
    });
  }
}

@ObjectType('DuesArrear', { description: 'An unpaid invoice past its due date' })
export class DuesArrearObject {
  @Field(() => InvoiceObject) invoice: InvoiceObject;
  @Field(() => String, { nullable: true }) memberNumber: string | null;
  @Field(() => String, { nullable: true }) memberName: string | null;
  @Field(() => Int) daysOverdue: number;
  @Field(() => MoneyObject) outstanding: MoneyObject;

  static from(a: ArrearsEntry): DuesArrearObject {
    return Object.assign(new DuesArrearObject(), {
      invoice: InvoiceObject.from(a.invoice),
      memberNumber: a.member?.memberNumber ?? null,
      memberName: a.member?.name ?? null,
      daysOverdue: a.daysOverdue,
      outstanding: money(a.outstanding, a.invoice.currency),
    });
  }
}

export const DuesArrearConnection = Connection(DuesArrearObject);

@ObjectType('BranchIssuance')
export class BranchIssuanceObject {
  @Field(() => ID) branchId: string;
  @Field() branchCode: string;
  @Field(() => Int) issued: number;
  @Field(() => Int, { nullable: true }) firstSequence: number | null;
  @Field(() => Int, { nullable: true }) lastSequence: number | null;
  @Field(() => RecognitionPolicy, { description: "The basis the branch's invoices were issued on (ACCRUAL: one summary entry per run)" }) recognition: RecognitionPolicy;
}

@ObjectType('FiscalYearIssuance')
export class FiscalYearIssuanceObject {
  @Field(() => Int) fiscalYear: number;
  @Field(() => Int, { description: 'Invoices issued by this run (0 when run again)' }) issued: number;
  @Field(() => [BranchIssuanceObject]) branches: BranchIssuanceObject[];

  static from(r: FiscalYearIssuanceResult): FiscalYearIssuanceObject {
    return Object.assign(new FiscalYearIssuanceObject(), {
      fiscalYear: r.fiscalYear,
      issued: r.issued,
      branches: r.branches.map((b) => Object.assign(new BranchIssuanceObject(), b)),
    });
  }
}
