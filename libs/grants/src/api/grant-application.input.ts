import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsEmail, IsEnum, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsDateOnly, PageArgs } from '#core';
import { GrantApplicationStatus } from '../application-status.js';
import { DOCUMENT_TYPES, GrantDocumentKind } from '../grant-enums.js';
import { CostLineInput } from './grant-validators.js';

@InputType({ description: 'An application: by the applicant (a member), or entered by grant staff on behalf of a member or of someone who is not one' })
export class CreateGrantApplicationInput {
  @Field(() => ID) @IsUUID() programId: string;

  @Field(() => ID, { nullable: true, description: 'The applicant’s member record (staff entering for a member; a member applying is themselves)' })
  @IsOptional() @IsUUID()
  memberId?: string | null;

  @Field({ description: '氏名 (kanji)' }) @IsString() @Length(1, 100) applicantNameKanji: string;
  @Field({ description: 'フリガナ (full-width katakana)' }) @IsString() @Length(1, 100) applicantNameKana: string;

  @Field(() => String, { nullable: true, description: 'Where decisions are e-mailed; a member applying may leave it out (their sign-in address)' })
  @IsOptional() @IsEmail() @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true }) @IsOptional() @Matches(/^[0-9+\-() ]{6,20}$/, { message: 'phone must be digits, + - ( ) | 電話番号の形式が正しくありません' }) phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(/^\d{3}-?\d{4}$/, { message: 'postalCode must be like 100-0001 | 郵便番号は 100-0001 の形式で入力してください' }) postalCode?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 300) address?: string | null;

  @Field(() => String, { nullable: true, defaultValue: 'ja', description: 'Language of the e-mails: ja or en' })
  @IsOptional() @IsIn(['ja', 'en'])
  locale?: 'ja' | 'en' | null;

  @Field(() => ID, { nullable: true, description: 'The branch that referred the applicant (a job-consultation session)' }) @IsOptional() @IsUUID() referralBranchId?: string | null;
  @Field(() => String, { nullable: true, description: 'Or the partner organisation that did' }) @IsOptional() @IsString() @Length(1, 200) referralPartner?: string | null;

  @Field() @IsString() @Length(1, 200) courseProvider: string;
  @Field() @IsString() @Length(1, 200) courseName: string;
  @Field() @IsDateOnly() courseStartsOn: string;
  @Field() @IsDateOnly() courseEndsOn: string;

  @Field(() => [CostLineInput], { description: 'The costs by category; the amount requested is their sum' })
  @ValidateNested({ each: true }) @Type(() => CostLineInput) @ArrayMinSize(1) @ArrayMaxSize(10)
  costs: CostLineInput[];
}

@InputType({ description: 'Changes to a draft or an application returned for changes' })
export class UpdateGrantApplicationInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 100) applicantNameKanji?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 100) applicantNameKana?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsEmail() @MaxLength(254) email?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 300) address?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 200) courseProvider?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 200) courseName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsDateOnly() courseStartsOn?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsDateOnly() courseEndsOn?: string | null;
  @Field(() => [CostLineInput], { nullable: true })
  @IsOptional() @ValidateNested({ each: true }) @Type(() => CostLineInput) @ArrayMinSize(1) @ArrayMaxSize(10)
  costs?: CostLineInput[] | null;
}

@InputType({ description: 'A document as base64 (at most 512 KiB; PDF, JPEG or PNG) with its SHA-256, checked on arrival' })
export class AttachGrantDocumentInput {
  @Field(() => ID) @IsUUID() applicationId: string;
  @Field(() => GrantDocumentKind) @IsEnum(GrantDocumentKind) kind: GrantDocumentKind;
  @Field() @IsString() @Length(1, 200) fileName: string;
  @Field() @IsIn([...DOCUMENT_TYPES], { message: 'contentType must be application/pdf, image/jpeg or image/png | PDF・JPEG・PNG のファイルだけ添付できます' }) contentType: string;
  @Field() @IsString() @MaxLength(700_000) contentBase64: string;
  @Field({ description: 'Hex SHA-256 of the file' }) @Matches(/^[0-9a-fA-F]{64}$/, { message: 'sha256 must be 64 hex digits | SHA-256 は16進64桁で入力してください' }) sha256: string;
}

@InputType({ description: 'A move of an application with the comment kept in its audit trail' })
export class GrantMoveInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(2000) comment?: string | null;
}

@ArgsType()
export class GrantApplicationsArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() programId?: string | null;
  @Field(() => GrantApplicationStatus, { nullable: true }) @IsOptional() @IsEnum(GrantApplicationStatus) status?: GrantApplicationStatus | null;
}
