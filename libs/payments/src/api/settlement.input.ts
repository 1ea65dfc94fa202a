import { IsDateOnly } from '#core';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { MoneyInput } from '#core';
import { SettlementDirection } from './payment-enums.js';
import type { RecordSettlementCommand } from '../settlement-recording.service.js';

@InputType()
export class RecordSettlementInput {
  @Field(() => ID) @IsUUID()
  branchId: string;

  @Field(() => SettlementDirection, { nullable: true, description: 'Default BRANCH_TO_FEDERATION; FEDERATION_TO_BRANCH by federation admins only' })
  @IsOptional()
  @IsEnum(SettlementDirection)
  direction?: SettlementDirection | null;

  @Field(() => MoneyInput)
  @ValidateNested()
  @Type(() => MoneyInput)
  amount: MoneyInput;

  @Field({ description: 'Date of the transfer, YYYY-MM-DD' }) @IsDateOnly()
  settledOn: string;

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 200)
  reference?: string | null;

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500)
  memo?: string | null;

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(8, 200)
  idempotencyKey?: string | null;

  /** The settlement service's command (recordSettlement and the CLI's settlement:record both send it). */
  toCommand(): RecordSettlementCommand {
    return {
      branchId: this.branchId,
      direction: this.direction ?? null,
      amount: this.amount.toMoney(),
      settledOn: this.settledOn,
      reference: this.reference ?? null,
      memo: this.memo ?? null,
      idempotencyKey: this.idempotencyKey ?? null,
    };
  }
}

@ArgsType()
export class SettlementStatementArgs {
  @Field(() => ID) @IsUUID()
  branchId: string;

  @Field({ description: 'YYYY-MM-DD' }) @IsDateOnly()
  from: string;

  @Field({ description: 'YYYY-MM-DD, inclusive' }) @IsDateOnly()
  to: string;
}
