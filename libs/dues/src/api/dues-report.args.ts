import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { PageArgs } from '#core';
import { FiscalYearArgs } from './invoice.input.js';

@ArgsType()
export class DuesStatusArgs extends FiscalYearArgs {
  @Field(() => ID, { nullable: true, description: 'One branch; every branch in your scope when omitted' }) @IsOptional() @IsUUID()
  branchId?: string | null;
}

@ArgsType()
export class DuesArrearsArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID()
  branchId?: string | null;
}

@ArgsType()
export class DuesArrearsCsvArgs {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID()
  branchId?: string | null;
}
