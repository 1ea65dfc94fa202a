import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { Money, MoneyObject } from '#core';
import type { Grantee, ProgramReport } from '../grant-reports.service.js';
import { GrantApplicationStatus } from './grant-enums.graphql.js';
import { GrantBudgetObject, GrantProgramObject } from './grant-program.object.js';

@ObjectType('GrantStatusCount')
export class GrantStatusCountObject {
  @Field(() => GrantApplicationStatus) status: GrantApplicationStatus;
  @Field(() => Int) count: number;
  @Field(() => MoneyObject) requested: MoneyObject;
}

@ObjectType('GrantProgramReport')
export class GrantProgramReportObject {
  @Field(() => GrantProgramObject) program: GrantProgramObject;
  @Field(() => GrantBudgetObject) budget: GrantBudgetObject;
  @Field(() => [GrantStatusCountObject]) byStatus: GrantStatusCountObject[];
  @Field(() => MoneyObject, { description: 'Requested by submitted applications (drafts left out)' }) requested: MoneyObject;
  @Field(() => MoneyObject, { description: 'Approved as decided' }) approved: MoneyObject;
  @Field(() => MoneyObject) paid: MoneyObject;
  @Field(() => Float, { nullable: true, description: 'Mean days from submission to decision' }) averageDaysToDecision: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean days from submission to first payment' }) averageDaysToPayment: number | null;

  static from(r: ProgramReport): GrantProgramReportObject {
    const m = (v: bigint) => MoneyObject.from(Money.of(v));
    return Object.assign(new GrantProgramReportObject(), {
      program: GrantProgramObject.from(r.program),
      budget: GrantBudgetObject.from(r.budget, 'JPY'),
      byStatus: r.statuses.map((s) => Object.assign(new GrantStatusCountObject(), { status: s.status, count: s.count, requested: m(s.requested) })),
      requested: m(r.requested),
      approved: m(r.approved),
      paid: m(r.paid),
      averageDaysToDecision: r.daysToDecision,
      averageDaysToPayment: r.daysToPayment,
    });
  }
}

@ObjectType('Grantee', { description: 'A grantee for the annual report; names only for grant staff and the auditor' })
export class GranteeObject {
  @Field() code: string;
  @Field(() => GrantApplicationStatus) status: GrantApplicationStatus;
  @Field(() => String, { nullable: true }) applicantNameKanji: string | null;
  @Field(() => String, { nullable: true }) applicantNameKana: string | null;
  @Field() courseProvider: string;
  @Field() courseName: string;
  @Field(() => MoneyObject) approved: MoneyObject;
  @Field(() => MoneyObject) awarded: MoneyObject;
  @Field(() => MoneyObject) paid: MoneyObject;

  static from(g: Grantee): GranteeObject {
    const m = (v: bigint) => MoneyObject.from(Money.of(v));
    return Object.assign(new GranteeObject(), {
      code: g.code,
      status: g.status,
      applicantNameKanji: g.personalData ? g.applicantNameKanji : null,
      applicantNameKana: g.personalData ? g.applicantNameKana : null,
      courseProvider: g.courseProvider,
      courseName: g.courseName,
      approved: m(g.approved),
      awarded: m(g.awarded),
      paid: m(g.paid),
    });
  }
}
