import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { IsDateOnly, PageArgs } from '#core';
import { ReceiptKind, ReceiptStatus } from '../receipt-kind.js';

@InputType({ description: 'Receipts filter: branch (else every branch in scope), issuing book, member, kind, status, number, dates issued (inclusive)' })
export class ReceiptFilterInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID()
  branchId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The issuing book (the federation’s, the foundation’s or a branch’s)' }) @IsOptional() @IsUUID()
  bookId?: string | null;

  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID()
  memberId?: string | null;

  @Field(() => ReceiptKind, { nullable: true }) @IsOptional() @IsEnum(ReceiptKind)
  kind?: ReceiptKind | null;

  @Field(() => ReceiptStatus, { nullable: true }) @IsOptional() @IsEnum(ReceiptStatus)
  status?: ReceiptStatus | null;

  @Field(() => String, { nullable: true, description: 'Exact number, e.g. R2026-000042' }) @IsOptional() @IsString() @Length(1, 40)
  number?: string | null;

  @Field(() => String, { nullable: true, description: 'Issued on or after, YYYY-MM-DD' }) @IsOptional() @IsDateOnly()
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Issued on or before, YYYY-MM-DD' }) @IsOptional() @IsDateOnly()
  to?: string | null;
}

@ArgsType()
export class ReceiptsArgs extends PageArgs {
  @Field(() => ReceiptFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReceiptFilterInput)
  filter?: ReceiptFilterInput | null;
}
