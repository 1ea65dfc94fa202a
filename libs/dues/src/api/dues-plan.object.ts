import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { AmountScalar, Connection, Money, MoneyObject } from '#core';
import './dues-enums.graphql.js';
import { ShareKind } from '../allocation.js';
import { MemberKind } from '#members';
import { JoinerCharge, OrganizationSizeTier } from '../dues-enums.js';
import { PeriodMode } from '../periods.js';
import type { DuesPlan } from '../dues-plan.entity.js';

@ObjectType('AllocationRule', { description: "The federation's share of each invoice; the member's branch keeps the rest." })
export class AllocationRuleObject {
  @Field(() => ShareKind)
  kind: ShareKind;

  @Field(() => AmountScalar, { description: 'Minor units (FIXED) or basis points, 0–10000 (BASIS_POINTS)' })
  value: bigint;
}

@ObjectType('DuesPlan')
export class DuesPlanObject {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() nameJa: string;
  @Field() nameEn: string;
  @Field(() => MemberKind, { description: 'Whom the plan is for: PERSON 個人会員 or ORGANIZATION 団体会員 (the kind of the member record)' }) memberKind: MemberKind;
  @Field(() => OrganizationSizeTier, { nullable: true }) sizeTier: OrganizationSizeTier | null;
  @Field(() => MoneyObject, { description: 'The yearly amount' }) amount: MoneyObject;
  @Field(() => PeriodMode) periodMode: PeriodMode;
  @Field(() => Int) fiscalYearStartMonth: number;
  @Field(() => Int) graceDays: number;
  @Field(() => JoinerCharge) joinerCharge: JoinerCharge;
  @Field(() => AllocationRuleObject) federationShare: AllocationRuleObject;
  @Field() active: boolean;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime) updatedAt: Date;

  static from(p: DuesPlan): DuesPlanObject {
    return Object.assign(new DuesPlanObject(), {
      id: p.id,
      code: p.code,
      nameJa: p.nameJa,
      nameEn: p.nameEn,
      memberKind: p.memberKind,
      sizeTier: p.sizeTier,
      amount: MoneyObject.from(Money.of(p.amount, p.currency)),
      periodMode: p.periodMode,
      fiscalYearStartMonth: p.fiscalYearStartMonth,
      graceDays: p.graceDays,
      joinerCharge: p.joinerCharge,
      federationShare: Object.assign(new AllocationRuleObject(), { kind: p.federationShareKind, value: p.federationShareValue }),
      active: p.active,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    });
  }
}

export const DuesPlanConnection = Connection(DuesPlanObject);
