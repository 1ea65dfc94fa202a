import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, Money, MoneyObject } from '#core';
import type { BudgetFigures } from '../budget.js';
import type { GrantProgram } from '../grant-program.entity.js';
import { BankAccountType, GrantCostCategory, GrantDocumentKind } from './grant-enums.graphql.js';

@ObjectType('GrantBudget', { description: 'Always derived: committed = approved and not yet paid; remaining = budget − committed − disbursed' })
export class GrantBudgetObject {
  @Field(() => MoneyObject) budget: MoneyObject;
  @Field(() => MoneyObject) committed: MoneyObject;
  @Field(() => MoneyObject) disbursed: MoneyObject;
  @Field(() => MoneyObject) remaining: MoneyObject;

  static from(f: BudgetFigures, currency: string): GrantBudgetObject {
    const m = (v: bigint) => MoneyObject.from(Money.of(v, currency));
    return Object.assign(new GrantBudgetObject(), { budget: m(f.budget), committed: m(f.committed), disbursed: m(f.disbursed), remaining: m(f.remaining) });
  }
}

@ObjectType('GrantProgram')
export class GrantProgramObject {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() nameJa: string;
  @Field() nameEn: string;
  @Field(() => Int) fiscalYear: number;
  @Field(() => MoneyObject) totalBudget: MoneyObject;
  @Field(() => MoneyObject) maxPerAward: MoneyObject;
  @Field(() => MoneyObject) maxPerPerson: MoneyObject;
  @Field(() => MoneyObject) twoApproverThreshold: MoneyObject;
  @Field(() => [GrantCostCategory]) categories: GrantCostCategory[];
  @Field(() => [GrantDocumentKind]) requiredDocuments: GrantDocumentKind[];
  @Field() opensOn: string;
  @Field() closesOn: string;
  @Field() payerName: string;
  @Field() payerBankCode: string;
  @Field() payerBranchCode: string;
  @Field(() => BankAccountType) payerAccountType: BankAccountType;
  /** Resolved on demand (one query per program). */
  programId: string;

  static from(p: GrantProgram): GrantProgramObject {
    const m = (v: bigint) => MoneyObject.from(Money.of(v, p.currency.trim()));
    return Object.assign(new GrantProgramObject(), {
      id: p.id,
      programId: p.id,
      code: p.code,
      nameJa: p.nameJa,
      nameEn: p.nameEn,
      fiscalYear: p.fiscalYear,
      totalBudget: m(p.totalBudget),
      maxPerAward: m(p.maxPerAward),
      maxPerPerson: m(p.maxPerPerson),
      twoApproverThreshold: m(p.twoApproverThreshold),
      categories: p.categories,
      requiredDocuments: p.requiredDocuments,
      opensOn: p.opensOn,
      closesOn: p.closesOn,
      payerName: p.payerName,
      payerBankCode: p.payerBankCode,
      payerBranchCode: p.payerBranchCode,
      payerAccountType: p.payerAccountType as BankAccountType,
    });
  }
}

export const GrantProgramConnection = Connection(GrantProgramObject);
