import { IsDateOnly } from '#core';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { PageArgs } from '#core';
import { PaymentMethod, PaymentStatus } from './payment-enums.js';

@InputType({ description: 'Payments filter: branch (else every branch in scope), dates received (inclusive), method, member, status' })
export class PaymentFilterInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID()
  branchId?: string | null;

  @Field(() => String, { nullable: true, description: 'Received on or after, YYYY-MM-DD' }) @IsOptional() @IsDateOnly()
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Received on or before, YYYY-MM-DD' }) @IsOptional() @IsDateOnly()
  to?: string | null;

  @Field(() => PaymentMethod, { nullable: true }) @IsOptional() @IsEnum(PaymentMethod)
  method?: PaymentMethod | null;

  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID()
  memberId?: string | null;

  @Field(() => PaymentStatus, { nullable: true }) @IsOptional() @IsEnum(PaymentStatus)
  status?: PaymentStatus | null;
}

@ArgsType()
export class PaymentsArgs extends PageArgs {
  @Field(() => PaymentFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PaymentFilterInput)
  filter?: PaymentFilterInput | null;
}

@ArgsType()
export class PaymentFilterArgs {
  @Field(() => PaymentFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PaymentFilterInput)
  filter?: PaymentFilterInput | null;
}

@ArgsType()
export class VoidPaymentArgs {
  @Field(() => ID) @IsUUID()
  id: string;

  @Field({ description: 'Why (kept in the audit log)' }) @IsString() @Length(1, 500)
  reason: string;
}

@ArgsType()
export class PaymentIdArgs {
  @Field(() => ID) @IsUUID()
  id: string;
}

@ArgsType()
export class MemberCreditArgs {
  @Field(() => ID) @IsUUID()
  memberId: string;
}
