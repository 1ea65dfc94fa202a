import { IsDateOnly } from '#core';
import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { AmountScalar, IsAmount, MoneyInput } from '#core';
import { PaymentMethod } from './payment-enums.js';
import type { RecordPaymentCommand } from '../payment-recording.service.js';

@InputType()
export class PaymentAllocationInput {
  @Field(() => ID)
  @IsUUID()
  invoiceId: string;

  @Field(() => AmountScalar, { nullable: true, description: 'A fixed amount for this invoice; omitted: filled from what is left, in order' })
  @IsOptional()
  @IsAmount()
  amount?: bigint | null;
}

@InputType({ description: 'Money received from a member, by any channel' })
export class RecordPaymentInput {
  @Field(() => ID, { description: 'The paying member (person or organization)' })
  @IsUUID()
  memberId: string;

  @Field(() => PaymentMethod)
  @IsEnum(PaymentMethod)
  method: PaymentMethod;

  @Field(() => MoneyInput, { description: 'Gross amount received' })
  @ValidateNested()
  @Type(() => MoneyInput)
  amount: MoneyInput;

  @Field(() => AmountScalar, { nullable: true, description: "What the bank or card processor kept, same currency; 0 when omitted" })
  @IsOptional()
  @IsAmount({ allowZero: true })
  fee?: bigint;

  @Field({ description: 'Date received, YYYY-MM-DD (Asia/Tokyo)' })
  @IsDateOnly()
  receivedOn: string;

  @Field(() => String, { nullable: true, description: 'Bank transfer reference, receipt book number, provider id; unique per branch and method' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reference?: string | null;

  @Field(() => [PaymentAllocationInput], { nullable: true, defaultValue: [], description: 'Invoices of this member, paid in this order' })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => PaymentAllocationInput)
  @ArrayMaxSize(50)
  allocations: PaymentAllocationInput[] | null = [];

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Keep what exceeds the invoices as member credit (otherwise refused)' })
  @IsOptional()
  @IsBoolean()
  allowCredit: boolean | null = false;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  memo?: string | null;

  @Field(() => String, { nullable: true, description: 'Send the same key when retrying: the first payment is returned' })
  @IsOptional()
  @IsString()
  @Length(8, 200)
  idempotencyKey?: string | null;

  /** The payment service's command (recordPayment and the CLI's payments:record both send it). */
  toCommand(): RecordPaymentCommand {
    return {
      memberId: this.memberId,
      method: this.method,
      amount: this.amount.toMoney(),
      fee: this.fee ?? 0n,
      receivedOn: this.receivedOn,
      reference: this.reference ?? null,
      allocations: (this.allocations ?? []).map((a) => ({ invoiceId: a.invoiceId, amount: a.amount ?? null })),
      allowCredit: this.allowCredit ?? false,
      memo: this.memo ?? null,
      idempotencyKey: this.idempotencyKey ?? null,
    };
  }
}

@InputType()
export class ApplyMemberCreditInput {
  @Field(() => ID)
  @IsUUID()
  memberId: string;

  @Field(() => [ID], { description: 'Invoices to pay from the credit, in this order' })
  @IsUUID('all', { each: true })
  @ArrayMaxSize(50)
  invoiceIds: string[];

  @Field(() => String, { nullable: true, description: 'Date applied, YYYY-MM-DD; today when omitted' })
  @IsOptional()
  @IsDateOnly()
  appliedOn?: string;
}
