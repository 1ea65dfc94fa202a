import { ArgsType, Field, ID, Int, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { LineStatus } from '../statement-line.entity.js';

registerEnumType(LineStatus, { name: 'StatementLineStatus', description: 'UNMATCHED (an exception), SUGGESTED, CONFIRMED (payments recorded), NOT_DUES' });

@ArgsType()
export class StatementLinesArgs {
  @Field(() => ID)
  @IsUUID()
  bankAccountId: string;

  @Field(() => LineStatus, { nullable: true })
  @IsOptional()
  @IsEnum(LineStatus)
  status?: LineStatus | null;

  @Field(() => Int, { defaultValue: 20 })
  @IsInt()
  @Min(1)
  @Max(200)
  first: number;

  @Field(() => ID, { nullable: true, description: 'The id of the last line of the previous page' })
  @IsOptional()
  @IsUUID()
  after?: string | null;
}
