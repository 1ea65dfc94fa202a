import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { AmountScalar, CURRENCIES, type CurrencyCode, IsAmount, PageArgs } from '#core';
import './dues-enums.graphql.js';
import { ShareKind } from '../allocation.js';
import { MemberKind } from '#members';
import { JoinerCharge, OrganizationSizeTier } from '../dues-enums.js';
import { PeriodMode } from '../periods.js';

@InputType()
export class CreateDuesPlanInput {
  @Field({ description: 'Short stable code: capital letters, digits, - and _ (e.g. IND-STD)' })
  @Matches(/^[A-Z0-9][A-Z0-9_-]{1,31}$/, { message: 'code must be 2–32 capital letters, digits, - or _ | プランコードは英大文字・数字・-・_ の2〜32文字で入力してください' })
  code: string;

  @Field() @IsString() @MinLength(1) @MaxLength(100)
  nameJa: string;

  @Field() @IsString() @MinLength(1) @MaxLength(100)
  nameEn: string;

  @Field(() => MemberKind, { description: 'Whom the plan is for: PERSON 個人会員 or ORGANIZATION 団体会員' }) @IsEnum(MemberKind)
  memberKind: MemberKind;

  @Field(() => OrganizationSizeTier, { nullable: true, description: 'Organizations only' })
  @IsOptional() @IsEnum(OrganizationSizeTier)
  sizeTier?: OrganizationSizeTier | null;

  @Field(() => AmountScalar, { description: 'Yearly amount in minor units (JPY: yen), > 0' })
  @IsAmount()
  amount: bigint;

  @Field(() => String, { nullable: true, defaultValue: 'JPY' })
  @IsOptional() @IsIn(Object.keys(CURRENCIES), { message: 'currency must be one of JPY, USD, EUR | 通貨は JPY, USD, EUR のいずれかです' })
  currency: CurrencyCode = 'JPY';

  @Field(() => PeriodMode, { nullable: true, defaultValue: PeriodMode.FISCAL_YEAR })
  @IsOptional() @IsEnum(PeriodMode)
  periodMode: PeriodMode = PeriodMode.FISCAL_YEAR;

  @Field(() => Int, { nullable: true, defaultValue: 4, description: 'First month of the fiscal year (4 = April)' })
  @IsOptional() @IsInt() @Min(1) @Max(12)
  fiscalYearStartMonth: number = 4;

  @Field(() => Int, { nullable: true, defaultValue: 30 })
  @IsOptional() @IsInt() @Min(0) @Max(366)
  graceDays: number = 30;

  @Field(() => JoinerCharge, { nullable: true, defaultValue: JoinerCharge.FULL_YEAR })
  @IsOptional() @IsEnum(JoinerCharge)
  joinerCharge: JoinerCharge = JoinerCharge.FULL_YEAR;

  @Field(() => ShareKind)
  @IsEnum(ShareKind)
  federationShareKind: ShareKind;

  @Field(() => AmountScalar, { description: 'Minor units (FIXED, at most the amount) or basis points 0–10000 (BASIS_POINTS)' })
  @IsAmount({ allowZero: true })
  federationShareValue: bigint;
}

/** What may change on a plan. Issued invoices keep their snapshot whatever changes here. */
@InputType()
export class UpdateDuesPlanInput {
  @Field(() => ID) @IsUUID()
  id: string;

  @Field({ nullable: true }) @IsOptional() @IsString() @MinLength(1) @MaxLength(100)
  nameJa?: string;

  @Field({ nullable: true }) @IsOptional() @IsString() @MinLength(1) @MaxLength(100)
  nameEn?: string;

  @Field(() => AmountScalar, { nullable: true }) @IsOptional() @IsAmount()
  amount?: bigint;

  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(366)
  graceDays?: number;

  @Field(() => JoinerCharge, { nullable: true }) @IsOptional() @IsEnum(JoinerCharge)
  joinerCharge?: JoinerCharge;

  @Field(() => ShareKind, { nullable: true }) @IsOptional() @IsEnum(ShareKind)
  federationShareKind?: ShareKind;

  @Field(() => AmountScalar, { nullable: true }) @IsOptional() @IsAmount({ allowZero: true })
  federationShareValue?: bigint;

  @Field({ nullable: true, description: 'false: the plan accepts no new members' }) @IsOptional() @IsBoolean()
  active?: boolean;
}

@ArgsType()
export class DuesPlansArgs extends PageArgs {
  @Field({ nullable: true, defaultValue: false }) @IsOptional() @IsBoolean()
  activeOnly: boolean = false;
}
