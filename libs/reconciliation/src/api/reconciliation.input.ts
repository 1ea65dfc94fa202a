import { Field, ID, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { AmountScalar, IsAmount } from '#core';

@InputType()
export class RegisterBankAccountInput {
  @Field(() => ID)
  @IsUUID()
  branchId: string;

  @Field({ description: '銀行コード, 4 digits' })
  @Matches(/^[0-9]{4}$/, { message: 'bankCode: 4 digits / 4桁の数字' })
  bankCode: string;

  @Field({ description: '支店コード, 3 digits' })
  @Matches(/^[0-9]{3}$/, { message: 'branchCode: 3 digits / 3桁の数字' })
  branchCode: string;

  @Field({ description: '預金種目: 1 普通, 2 当座, 4 貯蓄' })
  @IsIn(['1', '2', '4'])
  accountType: string;

  @Field({ description: '口座番号, 7 digits' })
  @Matches(/^[0-9]{7}$/, { message: 'accountNumber: 7 digits / 7桁の数字' })
  accountNumber: string;

  @Field({ description: '口座名義 (kana)' })
  @IsString()
  @Length(1, 40)
  name: string;
}

@InputType()
export class ImportBankStatementInput {
  @Field(() => ID)
  @IsUUID()
  branchId: string;

  @Field(() => String, { nullable: true, description: 'A CSV statement: the profile (YUCHO, NET_BANKING, RENTAI_UTF8 or one an admin added, see csvProfiles); a Zengin file otherwise' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/, { message: 'csvProfile: a profile code / プロファイルのコード' })
  csvProfile?: string | null;

  @Field(() => ID, { nullable: true, description: 'The bank account a CSV statement is of (a Zengin file names its accounts)' })
  @IsOptional()
  @IsUUID()
  bankAccountId?: string | null;

  @Field({ description: 'The file, base64 (Zengin 03 入出金取引明細 or 01 振込入金通知, or a CSV statement), at most 16 MiB' })
  @IsString()
  @MaxLength(22_400_000)
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  content: string;
}

@InputType()
export class LineAllocationInput {
  @Field(() => ID)
  @IsUUID()
  invoiceId: string;

  @Field(() => AmountScalar)
  @IsAmount()
  amount: bigint;
}

@InputType()
export class ConfirmStatementLineInput {
  @Field(() => ID)
  @IsUUID()
  lineId: string;

  @Field(() => [LineAllocationInput], { nullable: true, description: 'Another candidate or a split across invoices; the best suggestion when absent' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => LineAllocationInput)
  allocations?: LineAllocationInput[] | null;

  @Field(() => String, { nullable: true, description: 'The Stripe payout (po_…) this line is: posted Dr bank / Cr Stripe clearing' })
  @IsOptional()
  @Matches(/^po_[A-Za-z0-9]+$/, { message: 'payoutId: a Stripe payout id (po_…) / Stripe の入金 ID (po_…)' })
  payoutId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A bank transfer already recorded by hand that this line is: linked, nothing posted again' })
  @IsOptional()
  @IsUUID()
  paymentId?: string | null;

  @Field(() => ID, { nullable: true, description: "An outgoing line: the branch's settlement to the federation it is the transfer of (linked, nothing posted again)" })
  @IsOptional()
  @IsUUID()
  settlementId?: string | null;
}

@InputType()
export class MarkStatementLineNotDuesInput {
  @Field(() => ID)
  @IsUUID()
  lineId: string;

  @Field({ description: 'INTEREST, BANK_FEE, REFUND or OTHER' })
  @IsIn(['INTEREST', 'BANK_FEE', 'REFUND', 'OTHER'])
  category: string;

  @Field({ description: "The ledger account of the book's chart to post it to (e.g. 5200 fees, an added 4900 interest income)" })
  @Matches(/^[0-9]{4,6}$/, { message: 'accountCode: 4 to 6 digits / 4〜6桁の数字' })
  accountCode: string;
}

@InputType()
export class ConfirmStatementLinesInput {
  @Field(() => [ID], { description: 'At most 1,000 lines, each confirmed with its best suggestion' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  lineIds: string[];
}
