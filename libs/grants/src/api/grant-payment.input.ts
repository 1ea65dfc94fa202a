import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { AmountScalar, IsAmount, IsDateOnly } from '#core';
import { BankAccountType, GrantPayeeKind } from '../grant-enums.js';
import { digitsMessage } from './grant-validators.js';

@InputType({ description: "Who the grant is paid to and their bank account (checked against the Zengin bank list; only grant staff see it)" })
export class SetGrantPayeeInput {
  @Field(() => ID) @IsUUID() applicationId: string;
  @Field(() => GrantPayeeKind) @IsEnum(GrantPayeeKind) kind: GrantPayeeKind;
  @Field({ description: '銀行コード, 4 digits' }) @Matches(/^\d{4}$/, { message: digitsMessage(4, { en: 'bankCode', ja: '銀行コード' }) }) bankCode: string;
  @Field({ description: '支店コード, 3 digits' }) @Matches(/^\d{3}$/, { message: digitsMessage(3, { en: 'branchCode', ja: '支店コード' }) }) branchCode: string;
  @Field(() => BankAccountType) @IsEnum(BankAccountType) accountType: BankAccountType;
  @Field({ description: '口座番号, 7 digits' }) @Matches(/^\d{7}$/, { message: digitsMessage(7, { en: 'accountNumber', ja: '口座番号' }) }) accountNumber: string;
  @Field({ description: '口座名義 in kana (converted to Zengin half-width kana; at most 30, ﾞ and ﾟ counting)' }) @IsString() @Length(1, 60) holderName: string;
}

@InputType({ description: 'A payment of an approved grant, queued for the next batch' })
export class ScheduleGrantDisbursementInput {
  @Field(() => ID) @IsUUID() applicationId: string;
  @Field(() => AmountScalar) @IsAmount() amount: bigint;
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'The last payment: once paid, what is left of the award is released' })
  @IsOptional() @IsBoolean()
  final?: boolean | null;
}

@InputType({ description: 'A batch of the queued payments of a program for one transfer date (a bank business day)' })
export class CreateGrantBatchInput {
  @Field(() => ID) @IsUUID() programId: string;
  @Field() @IsDateOnly() transferDate: string;
  @Field(() => String, { nullable: true, defaultValue: 'CRLF', description: 'Record separator of the Zengin file: CRLF (default), LF or NONE' })
  @IsOptional() @IsIn(['CRLF', 'LF', 'NONE'])
  lineEnding?: 'CRLF' | 'LF' | 'NONE' | null;
}

@InputType({ description: "The bank executed the batch's transfers (by hand, or reconciliation matched the debit)" })
export class MarkGrantBatchPaidInput {
  @Field(() => ID) @IsUUID() batchId: string;
  @Field() @IsDateOnly() paidOn: string;
}

@InputType({ description: 'A transfer the bank returned (組戻し / 不能): it goes back to the queue for the next batch' })
export class ReturnGrantDisbursementInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field() @IsString() @Length(1, 500) reason: string;
  @Field() @IsDateOnly() returnedOn: string;
}

@ArgsType()
export class GrantProgramIdArgs {
  @Field(() => ID) @IsUUID() programId: string;
}

@ArgsType()
export class GrantIdArgs {
  @Field(() => ID) @IsUUID() id: string;
}

@ArgsType()
export class GrantApplicationIdArgs {
  @Field(() => ID) @IsUUID() applicationId: string;
}
