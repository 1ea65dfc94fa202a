import { ArgsType, Field } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageArgs } from '#core';

@ArgsType()
export class AuditEventsArgs extends PageArgs {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(64)
  entityType?: string;

  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(64)
  entityId?: string;
}
