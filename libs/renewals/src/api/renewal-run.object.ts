import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';

@InputType('RunRenewalsInput')
export class RunRenewalsInput {
  @Field(() => ID, { nullable: true, description: "One branch (a branch admin's own); omitted: the whole federation (federation admins)" })
  @IsOptional()
  @IsUUID('all', { message: 'branchId must be an id (UUID)' })
  branchId?: string | null;
}

@ObjectType('RenewalRunResult', { description: 'What one renewal run did (a second run the same day does nothing more)' })
export class RenewalRunResultObject {
  @Field() asOf: string;
  @Field(() => ID, { nullable: true }) branchId: string | null;
  @Field(() => Int, { description: 'Paid in advance, started today' }) started: number;
  @Field(() => Int, { description: 'Fiscal-year plans: the next fiscal year invoiced' }) fiscalYearInvoices: number;
  @Field(() => Int, { description: 'Anniversary plans: the next period invoiced' }) renewalInvoices: number;
  @Field(() => Int, { description: 'Period ended unpaid: into grace' }) intoGrace: number;
  @Field(() => Int, { description: 'Grace ran out unpaid: lapsed' }) lapsed: number;
  @Field(() => Int) remindersSent: number;
}
