import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import { IsDateOnly } from '#core';
import { MemberStatus } from '../member.entity.js';
import { OrganizationSizeTier } from '../organization.entity.js';
import { MAX_CONTACTS } from '../organization-contacts.service.js';
import {
  CorporateNumberField,
  EmailField,
  KanaField,
  PhoneField,
  PostalCodeField,
  TextField,
} from '../validation/validators.js';

const BRANCH_ID_MESSAGE = 'must be the id of a branch | 支部IDの形式ではありません';

/** E-mail, phone, postal code and address: what members may edit themselves. null clears (except an individual's e-mail). */
@InputType()
export class ContactDetailsInput {
  @Field(() => String, { nullable: true }) @IsOptional() @EmailField()
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. 03-1234-5678 or 090-1234-5678' }) @IsOptional() @PhoneField()
  phone?: string | null;

  @Field(() => String, { nullable: true, description: '7 digits; 160-0023 and full-width digits accepted' }) @IsOptional() @PostalCodeField()
  postalCode?: string | null;

  @Field(() => String, { nullable: true }) @IsOptional() @TextField(300)
  address?: string | null;
}

@InputType()
export class CreateIndividualMemberInput {
  @Field(() => String, { nullable: true, description: 'Keep an existing number (P + 7 digits); assigned when absent' })
  @IsOptional() @Matches(/^P\d{7}$/, { message: 'must be P followed by 7 digits, e.g. P0000123 | 会員番号は P と7桁の数字です (例: P0000123)' })
  memberNumber?: string | null;

  @Field({ description: '姓 (kanji)' }) @TextField(50) familyName: string;
  @Field({ description: '名 (kanji)' }) @TextField(50) givenName: string;
  @Field({ description: 'セイ: katakana, half-width accepted' }) @KanaField(50) familyNameKana: string;
  @Field({ description: 'メイ: katakana, half-width accepted' }) @KanaField(50) givenNameKana: string;
  @Field() @EmailField() email: string;
  @Field(() => String, { nullable: true }) @IsOptional() @PhoneField() phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @PostalCodeField() postalCode?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @TextField(300) address?: string | null;
  @Field(() => ID, { description: 'Home branch' }) @IsUUID('all', { message: BRANCH_ID_MESSAGE }) branchId: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; today when absent' }) @IsOptional() @IsDateOnly() joinedOn?: string | null;
  @Field(() => MemberStatus, { nullable: true }) @IsOptional() @IsEnum(MemberStatus) status?: MemberStatus | null;
}

@InputType()
export class ContactInput {
  @Field() @TextField(100) name: string;
  @Field({ description: 'katakana, half-width accepted' }) @KanaField(100) nameKana: string;
  @Field(() => String, { nullable: true, description: 'e.g. 事務局長' }) @IsOptional() @TextField(100) title?: string | null;
  @Field() @EmailField() email: string;
  @Field(() => String, { nullable: true }) @IsOptional() @PhoneField() phone?: string | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() isPrimary?: boolean | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() isBilling?: boolean | null;
}

@InputType()
export class CreateOrganizationMemberInput {
  @Field(() => String, { nullable: true, description: 'Keep an existing number (O + 6 digits); assigned when absent' })
  @IsOptional() @Matches(/^O\d{6}$/, { message: 'must be O followed by 6 digits, e.g. O000012 | 団体会員番号は O と6桁の数字です (例: O000012)' })
  memberNumber?: string | null;

  @Field({ description: '団体名, e.g. 企業組合ワーカーズコープ東京' }) @TextField(200) name: string;
  @Field({ description: '団体名カナ' }) @KanaField(200) nameKana: string;
  @Field(() => String, { nullable: true, description: '法人番号, 13 digits (check digit verified)' }) @IsOptional() @CorporateNumberField() corporateNumber?: string | null;
  @Field({ description: '代表者名' }) @TextField(100) representativeName: string;
  @Field(() => String, { nullable: true, description: '代表者の役職, e.g. 代表理事' }) @IsOptional() @TextField(100) representativeTitle?: string | null;
  @Field(() => OrganizationSizeTier) @IsEnum(OrganizationSizeTier) sizeTier: OrganizationSizeTier;
  @Field(() => String, { nullable: true }) @IsOptional() @EmailField() email?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @PhoneField() phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @PostalCodeField() postalCode?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @TextField(300) address?: string | null;
  @Field(() => ID, { description: 'Home branch' }) @IsUUID('all', { message: BRANCH_ID_MESSAGE }) branchId: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; today when absent' }) @IsOptional() @IsDateOnly() joinedOn?: string | null;
  @Field(() => MemberStatus, { nullable: true }) @IsOptional() @IsEnum(MemberStatus) status?: MemberStatus | null;

  @Field(() => [ContactInput], { nullable: true, description: 'The first is primary and billing unless flagged otherwise' })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_CONTACTS) @ValidateNested({ each: true }) @Type(() => ContactInput)
  contacts?: ContactInput[] | null;
}

@InputType()
export class UpdateIndividualMemberInput extends ContactDetailsInput {
  @Field({ nullable: true }) @IsOptional() @TextField(50) familyName?: string;
  @Field({ nullable: true }) @IsOptional() @TextField(50) givenName?: string;
  @Field({ nullable: true }) @IsOptional() @KanaField(50) familyNameKana?: string;
  @Field({ nullable: true }) @IsOptional() @KanaField(50) givenNameKana?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsDateOnly() joinedOn?: string | null;
  @Field(() => MemberStatus, { nullable: true }) @IsOptional() @IsEnum(MemberStatus) status?: MemberStatus | null;
}

@InputType()
export class UpdateOrganizationMemberInput extends ContactDetailsInput {
  @Field({ nullable: true }) @IsOptional() @TextField(200) name?: string;
  @Field({ nullable: true }) @IsOptional() @KanaField(200) nameKana?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @CorporateNumberField() corporateNumber?: string | null;
  @Field({ nullable: true }) @IsOptional() @TextField(100) representativeName?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @TextField(100) representativeTitle?: string | null;
  @Field(() => OrganizationSizeTier, { nullable: true }) @IsOptional() @IsEnum(OrganizationSizeTier) sizeTier?: OrganizationSizeTier;
  @Field(() => String, { nullable: true }) @IsOptional() @IsDateOnly() joinedOn?: string | null;
  @Field(() => MemberStatus, { nullable: true }) @IsOptional() @IsEnum(MemberStatus) status?: MemberStatus | null;
}

@InputType()
export class TransferMemberInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be the id of a member | 会員IDの形式ではありません' }) memberId: string;
  @Field(() => ID, { description: 'The new home branch' }) @IsUUID('all', { message: BRANCH_ID_MESSAGE }) toBranchId: string;
  @Field(() => String, { nullable: true, description: 'Why (kept in the audit log)' }) @IsOptional() @TextField(500) reason?: string | null;
}
