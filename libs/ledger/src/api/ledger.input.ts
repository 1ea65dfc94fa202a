import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { AmountScalar, CURRENCIES, IsAmount, IsDateOnly } from '#core';
import { AccountType } from '../chart.js';
import { Side } from '../posting.js';
import './ledger-enums.graphql.js';
import { LEDGER_FIRST_YEAR } from '../period-math.js';

const ACCOUNT_CODE = /^[0-9]{4,6}$/;
const ACCOUNT_CODE_MESSAGE = 'accountCode must be 4 to 6 digits | 勘定科目コードは4〜6桁の数字です';

@InputType()
export class CreateAccountInput {
  @Field(() => ID) @IsUUID()
  bookId: string;

  @Field({ description: '4 to 6 digits, unique in the book' })
  @Matches(ACCOUNT_CODE, { message: 'code must be 4 to 6 digits | 勘定科目コードは4〜6桁の数字です' })
  code: string;

  @Field(() => AccountType) @IsEnum(AccountType)
  type: AccountType;

  @Field() @IsString() @IsNotEmpty() @MaxLength(100)
  nameJa: string;

  @Field() @IsString() @IsNotEmpty() @MaxLength(100)
  nameEn: string;
}

@InputType()
export class JournalLineInput {
  @Field() @Matches(ACCOUNT_CODE, { message: ACCOUNT_CODE_MESSAGE })
  accountCode: string;

  @Field(() => Side) @IsEnum(Side)
  side: Side;

  @Field(() => AmountScalar, { description: 'Positive, whole minor units' }) @IsAmount()
  amount: bigint;

  @Field(() => ID, { nullable: true, description: 'For due-from / due-to lines: the other book' })
  @IsOptional()
  @IsUUID()
  counterpartyBookId?: string;

  @Field({ nullable: true, description: 'For restricted funds' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9][A-Z0-9_-]{0,31}$/, { message: 'fundCode must be capitals, digits, - or _ | 基金コードは英大文字・数字・-・_ で入力してください' })
  fundCode?: string;

  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500)
  memo?: string;
}

@InputType()
export class CreateManualJournalEntryInput {
  @Field(() => ID) @IsUUID()
  bookId: string;

  @Field({ description: 'YYYY-MM-DD; must be in an open month' }) @IsDateOnly({ minYear: LEDGER_FIRST_YEAR })
  entryDate: string;

  @Field({ description: '摘要: why (required)' }) @IsString() @IsNotEmpty() @MaxLength(500)
  memo: string;

  @Field({ nullable: true, description: "Defaults to the book's currency; anything else is refused" })
  @IsOptional()
  @IsIn(Object.keys(CURRENCIES), { message: 'currency must be one of JPY, USD, EUR | 通貨は JPY, USD, EUR のいずれかです' })
  currency?: string;

  @Field({ nullable: true, description: 'Chosen by the client: a retried submission posts once' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  idempotencyKey?: string;

  @Field(() => [JournalLineInput])
  @ValidateNested({ each: true })
  @Type(() => JournalLineInput)
  @ArrayMinSize(2)
  @ArrayMaxSize(200)
  lines: JournalLineInput[];
}
