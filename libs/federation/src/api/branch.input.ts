import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageArgs } from '#core';
import { PREFECTURES } from '../prefectures.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFKC').trim() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFKC').trim().toLowerCase() : value);
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFKC').trim().toUpperCase() : value);

const PHONE = /^0\d{1,4}-?\d{1,4}-?\d{3,4}$/;
const PHONE_MESSAGE = 'must be a Japanese telephone number such as 03-1234-5678 | 電話番号の形式が正しくありません (例: 03-1234-5678)';
const PREFECTURE_MESSAGE = 'must be one of the 47 prefectures, e.g. 東京都 | 都道府県名で入力してください (例: 東京都)';

@InputType()
export class UpdateBranchInput {
  @Field({ nullable: true, description: 'Name in Japanese, e.g. 東京支部' })
  @IsOptional() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(100)
  nameJa?: string;

  @Field({ nullable: true, description: 'Name in English, e.g. Tokyo' })
  @IsOptional() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(100)
  nameEn?: string;

  @Field({ nullable: true, description: '都道府県 in kanji, e.g. 東京都' })
  @IsOptional() @Transform(trim) @IsIn(PREFECTURES, { message: PREFECTURE_MESSAGE })
  prefecture?: string;

  @Field(() => String, { nullable: true })
  @IsOptional() @Transform(lower) @IsEmail() @MaxLength(254)
  contactEmail?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional() @Transform(trim) @IsString() @Matches(PHONE, { message: PHONE_MESSAGE })
  contactPhone?: string | null;
}

@InputType()
export class CreateBranchInput {
  @Field({ description: '2–10 capital letters or digits, e.g. TKY; cannot be changed later' })
  @Transform(upper) @IsString() @Matches(/^[A-Z0-9]{2,10}$/, { message: 'must be 2 to 10 capital letters or digits | 英大文字・数字 2〜10 文字で入力してください' })
  code: string;

  @Field({ description: 'Name in Japanese, e.g. 東京支部' })
  @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(100)
  nameJa: string;

  @Field({ description: 'Name in English, e.g. Tokyo' })
  @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(100)
  nameEn: string;

  @Field({ description: '都道府県 in kanji, e.g. 東京都' })
  @Transform(trim) @IsIn(PREFECTURES, { message: PREFECTURE_MESSAGE })
  prefecture: string;

  @Field(() => String, { nullable: true })
  @IsOptional() @Transform(lower) @IsEmail() @MaxLength(254)
  contactEmail?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional() @Transform(trim) @IsString() @Matches(PHONE, { message: PHONE_MESSAGE })
  contactPhone?: string | null;
}

@ArgsType()
export class BranchesArgs extends PageArgs {
  @Field({ nullable: true, description: 'Only branches in this prefecture' })
  @IsOptional() @IsString() @MaxLength(10)
  prefecture?: string;
}
