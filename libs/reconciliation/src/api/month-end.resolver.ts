import { Args, Field, ID, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { IdArg, Money, MoneyObject } from '#core';
import { Actor, Allow, BRANCH_STAFF, BRANCH_WRITERS, CurrentActor } from '#auth';
import { MonthEnd, type MonthReconciliation } from '../month-end.service.js';
import { ACCOUNT_READERS } from '../line-access.js';
import { BranchReconciliation } from '../month-end/branch-reconciliation.service.js';
import { StatementLineObject } from './reconciliation.object.js';

const READERS = BRANCH_STAFF;
const WRITERS = BRANCH_WRITERS;

@ObjectType('PaymentNotOnBank')
export class PaymentNotOnBankObject {
  @Field(() => ID) paymentId: string;
  @Field(() => ID) memberId: string;
  @Field() receivedOn: string;
  @Field(() => MoneyObject) amount: MoneyObject;
  @Field(() => String, { nullable: true }) reference: string | null;
}

@ObjectType('BankReconciliation')
export class BankReconciliationObject {
  @Field(() => ID) bankAccountId: string;
  @Field() month: string;
  @Field(() => MoneyObject) opening: MoneyObject;
  @Field(() => MoneyObject) credits: MoneyObject;
  @Field(() => MoneyObject) debits: MoneyObject;
  @Field(() => MoneyObject, { description: 'On the bank statement' }) closing: MoneyObject;
  @Field(() => MoneyObject, { description: "The ledger's balance of the bank account at the month's end" }) ledgerBalance: MoneyObject;
  @Field(() => MoneyObject) difference: MoneyObject;
  @Field({ description: 'Statement and ledger agree: the month may be closed' }) agrees: boolean;
  @Field(() => [StatementLineObject], { description: 'Lines of the month not yet in the ledger (they explain a difference)' }) unsettled: StatementLineObject[];
  @Field(() => [PaymentNotOnBankObject], { description: 'Bank transfers recorded by hand in the month that no statement line is linked to yet' }) notOnBank: PaymentNotOnBankObject[];

  static from(r: MonthReconciliation): BankReconciliationObject {
    const m = (v: bigint) => MoneyObject.from(Money.of(v));
    return Object.assign(new BankReconciliationObject(), {
      ...r,
      opening: m(r.opening),
      credits: m(r.credits),
      debits: m(r.debits),
      closing: m(r.closing),
      ledgerBalance: m(r.ledgerBalance),
      difference: m(r.difference),
      unsettled: r.unsettled.map(StatementLineObject.from),
      notOnBank: r.notOnBank.map((p) => ({ ...p, amount: m(p.amount) })),
    });
  }
}

@Resolver()
export class MonthEndResolver {
  constructor(
    private readonly monthEnd: MonthEnd,
    private readonly branches: BranchReconciliation,
  ) {}

  @Query(() => [BankReconciliationObject], { description: "Month-end of every bank account of a branch (the report's content)" })
  @Allow(...READERS)
  async branchReconciliation(@CurrentActor() actor: Actor, @IdArg('branchId') branchId: string, @Args('month', { description: 'YYYY-MM' }) month: string) {
    return (await this.branches.of(actor, branchId, month)).accounts.map((a) => BankReconciliationObject.from(a.result));
  }

  @Query(() => String, { description: 'The reconciliation report of a branch and month as PDF (base64, A4, Japanese)' })
  @Allow(...READERS)
  async branchReconciliationPdf(@CurrentActor() actor: Actor, @IdArg('branchId') branchId: string, @Args('month', { description: 'YYYY-MM' }) month: string) {
    return (await this.branches.pdf(actor, branchId, month)).toString('base64');
  }

  @Query(() => String, { description: 'The reconciliation report of a branch and month as CSV (UTF-8 with BOM)' })
  @Allow(...READERS)
  async branchReconciliationCsv(@CurrentActor() actor: Actor, @IdArg('branchId') branchId: string, @Args('month', { description: 'YYYY-MM' }) month: string) {
    return this.branches.csv(actor, branchId, month);
  }

  @Query(() => BankReconciliationObject, { description: 'Month-end of a bank account: the statement against the ledger, and what explains a difference' })
  @Allow(...ACCOUNT_READERS)
  async bankReconciliation(@CurrentActor() actor: Actor, @IdArg('bankAccountId') bankAccountId: string, @Args('month', { description: 'YYYY-MM' }) month: string) {
    return BankReconciliationObject.from(await this.monthEnd.reconcile(actor, bankAccountId, month));
  }

  @Query(() => String, { description: 'The month-end reconciliation report as CSV (UTF-8 with BOM)' })
  @Allow(...ACCOUNT_READERS)
  async bankReconciliationCsv(@CurrentActor() actor: Actor, @IdArg('bankAccountId') bankAccountId: string, @Args('month', { description: 'YYYY-MM' }) month: string) {
    return this.monthEnd.csv(actor, bankAccountId, month);
  }

  @Mutation(() => String, { description: "Closes the month in the bank account's book once statement and ledger agree; returns the month" })
  @Allow(...WRITERS)
  async closeBankMonth(@CurrentActor() actor: Actor, @IdArg('bankAccountId') bankAccountId: string, @Args('month', { description: 'YYYY-MM' }) month: string) {
    await this.monthEnd.close(actor, bankAccountId, month);
    return month;
  }
}
