import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageArgs } from '#core';
import './dues-enums.graphql.js';
import { InvoiceStatus } from '../dues-enums.js';

@InputType()
export class VoidDuesInvoiceInput {
  @Field(() => ID) @IsUUID()
  invoiceId: string;

  @Field() @IsString() @MinLength(1) @MaxLength(500)
  reason: string;
}

@ArgsType()
export class FiscalYearArgs {
  @Field(() => Int, { description: '年度: 2027 is April 2027 – March 2028' }) @IsInt() @Min(2000) @Max(2100)
  fiscalYear: number;
}

@ArgsType()
export class DuesInvoicesArgs extends PageArgs {
  @Field(() => ID) @IsUUID()
  branchId: string;

  @Field(() => Int) @IsInt() @Min(2000) @Max(2100)
  fiscalYear: number;

  @Field(() => InvoiceStatus, { nullable: true }) @IsOptional() @IsEnum(InvoiceStatus)
  status?: InvoiceStatus | null;
}

@ArgsType()
export class IssueFiscalYearArgs extends FiscalYearArgs {
  @Field(() => ID, { nullable: true, description: 'One branch only; every branch when omitted' }) @IsOptional() @IsUUID()
  branchId?: string | null;
}
