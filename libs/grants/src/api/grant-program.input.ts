import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { AmountScalar, IsAmount, IsDateOnly, PageArgs } from '#core';
import { BankAccountType, GrantCostCategory, GrantDocumentKind } from '../grant-enums.js';
import { digitsMessage } from './grant-validators.js';

@InputType({ description: 'A training-grant program for one fiscal year (April–March)' })
export class CreateGrantProgramInput {
  @Field({ description: 'Stable code, e.g. CARE-2026 (A–Z, 0–9, -)' })
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,29}$/, { message: 'code must be 2–30 of A–Z, 0–9 and - | コードは英大文字・数字・- で2〜30文字にしてください' })
  code: string;

  @Field() @IsString() @Length(1, 200) nameJa: string;
  @Field() @IsString() @Length(1, 200) nameEn: string;

  @Field(() => Int, { description: 'April year: 2026 is April 2026 – March 2027' })
  @IsInt() @Min(2000) @Max(2100)
  fiscalYear: number;

  @Field(() => AmountScalar) @IsAmount() totalBudget: bigint;
  @Field(() => AmountScalar) @IsAmount() maxPerAward: bigint;
  @Field(() => AmountScalar, { description: 'Most one person may be awarded in the program (its fiscal year)' }) @IsAmount() maxPerPerson: bigint;
  @Field(() => AmountScalar, { description: 'An award above this needs two different approvers' }) @IsAmount({ allowZero: true }) twoApproverThreshold: bigint;

  @Field(() => [GrantCostCategory]) @IsEnum(GrantCostCategory, { each: true }) @ArrayMinSize(1) @ArrayMaxSize(10)
  categories: GrantCostCategory[];

  @Field(() => [GrantDocumentKind], { description: 'Documents an application needs before it is submitted (a certificate is always needed to complete)' })
  @IsEnum(GrantDocumentKind, { each: true }) @ArrayMaxSize(10)
  requiredDocuments: GrantDocumentKind[];

  @Field() @IsDateOnly() opensOn: string;
  @Field() @IsDateOnly() closesOn: string;

  @Field({ description: '振込依頼人コード given by the bank (10 digits)' })
  @Matches(/^\d{10}$/, { message: digitsMessage(10, { en: 'payerCode', ja: '振込依頼人コード' }) })
  payerCode: string;

  @Field({ description: '振込依頼人名 (kana, converted to Zengin half-width; at most 40)' }) @IsString() @Length(1, 80) payerName: string;
  @Field() @Matches(/^\d{4}$/, { message: digitsMessage(4, { en: 'payerBankCode', ja: '銀行コード' }) }) payerBankCode: string;
  @Field() @Matches(/^\d{3}$/, { message: digitsMessage(3, { en: 'payerBranchCode', ja: '支店コード' }) }) payerBranchCode: string;
  @Field(() => BankAccountType) @IsEnum(BankAccountType) payerAccountType: BankAccountType;
  @Field() @Matches(/^\d{7}$/, { message: digitsMessage(7, { en: 'payerAccountNumber', ja: '口座番号' }) }) payerAccountNumber: string;
}

@InputType({ description: 'Changes to a program; the budget never drops below what is already awarded' })
export class UpdateGrantProgramInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 200) nameJa?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 200) nameEn?: string | null;
  @Field(() => AmountScalar, { nullable: true }) @IsOptional() @IsAmount() totalBudget?: bigint | null;
  @Field(() => AmountScalar, { nullable: true }) @IsOptional() @IsAmount() maxPerAward?: bigint | null;
  @Field(() => AmountScalar, { nullable: true }) @IsOptional() @IsAmount() maxPerPerson?: bigint | null;
  @Field(() => AmountScalar, { nullable: true }) @IsOptional() @IsAmount({ allowZero: true }) twoApproverThreshold?: bigint | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsDateOnly() closesOn?: string | null;
}

@ArgsType()
export class GrantProgramsArgs extends PageArgs {
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(2000) @Max(2100)
  fiscalYear?: number | null;
}
