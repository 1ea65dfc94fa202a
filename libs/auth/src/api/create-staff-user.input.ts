import { Field, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { RoleGrantInput } from './role-grant.input.js';

export const MIN_PASSWORD_LENGTH = 12;

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const normalizedEmail = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

@InputType()
export class CreateStaffUserInput {
  @Field()
  @Transform(normalizedEmail)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Field()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName: string;

  @Field({ description: `At least ${MIN_PASSWORD_LENGTH} characters` })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, {
    message: `Password must be at least ${MIN_PASSWORD_LENGTH} characters | パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください`,
  })
  @MaxLength(200)
  password: string;

  @Field(() => [RoleGrantInput])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RoleGrantInput)
  grants: RoleGrantInput[];

  @Field(() => String, { nullable: true, description: 'ja (default) or en' })
  @IsOptional()
  @IsIn(['ja', 'en'])
  locale?: 'ja' | 'en';
}
