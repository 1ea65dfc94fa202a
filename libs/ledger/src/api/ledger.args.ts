import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsDateOnly, PageArgs } from '#core';
import { LEDGER_FIRST_YEAR } from '../period-math.js';
import { IsMonth } from './ledger-validators.js';

@ArgsType()
export class BookArgs {
  @Field(() => ID) @IsUUID()
  bookId: string;
}

@ArgsType()
export class BookPageArgs extends PageArgs {
  @Field(() => ID) @IsUUID()
  bookId: string;
}

@ArgsType()
export class AsOfArgs {
  @Field(() => ID) @IsUUID()
  bookId: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, inclusive; today (Asia/Tokyo) when omitted' })
  @IsOptional()
  @IsDateOnly({ minYear: LEDGER_FIRST_YEAR })
  asOf?: string;
}

@ArgsType()
export class AccountEntriesArgs extends PageArgs {
  @Field(() => ID) @IsUUID()
  accountId: string;
}

@ArgsType()
export class JournalEntryArgs {
  @Field(() => ID) @IsUUID()
  id: string;
}

@ArgsType()
export class ReverseJournalEntryArgs {
  @Field(() => ID) @IsUUID()
  id: string;

  @Field({ description: 'Why it is reversed (required)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  memo: string;
}

@ArgsType()
export class PeriodArgs {
  @Field(() => ID) @IsUUID()
  bookId: string;

  @Field({ description: 'YYYY-MM' }) @IsMonth()
  month: string;
}
