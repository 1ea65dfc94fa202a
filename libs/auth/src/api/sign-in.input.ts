import { Field, InputType } from '@nestjs/graphql';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

@InputType()
export class SignInInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  email: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password: string;
}

@InputType()
export class RequestSignInLinkInput {
  @Field()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Field(() => String, { nullable: true, description: 'Language of the e-mail: ja or en (default: the user’s own)' })
  @IsOptional()
  @IsIn(['ja', 'en'])
  locale?: 'ja' | 'en';
}

@InputType()
export class SignInWithLinkInput {
  @Field({ description: 'The token from the link in the e-mail' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;
}
