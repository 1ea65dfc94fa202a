import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { AmountScalar, IsAmount } from '#core';
import { CostLineInput } from './grant-validators.js';

@InputType()
export class GrantReviewCheckInput {
  @Field() @IsString() @Length(1, 200) item: string;
  @Field() @IsBoolean() ok: boolean;
}

@InputType({ description: "The officer's review: checklist, recommended amount, comment" })
export class ReviewGrantApplicationInput {
  @Field(() => ID) @IsUUID() id: string;

  @Field(() => [GrantReviewCheckInput])
  @ValidateNested({ each: true }) @Type(() => GrantReviewCheckInput) @ArrayMinSize(1) @ArrayMaxSize(30)
  checklist: GrantReviewCheckInput[];

  @Field(() => AmountScalar) @IsAmount({ allowZero: true }) recommendedAmount: bigint;

  @Field() @IsString() @Length(1, 2000) comment: string;
}

@InputType({ description: "An approver's decision: the amount approved per category (never more than requested)" })
export class ApproveGrantApplicationInput {
  @Field(() => ID) @IsUUID() id: string;

  @Field(() => [CostLineInput])
  @ValidateNested({ each: true }) @Type(() => CostLineInput) @ArrayMinSize(1) @ArrayMaxSize(10)
  costs: CostLineInput[];

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(2000) comment?: string | null;
}

@InputType({ description: 'A move that needs its reason: rejection, request for changes, cancellation' })
export class GrantReasonInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field() @IsString() @Length(1, 2000) comment: string;
}
