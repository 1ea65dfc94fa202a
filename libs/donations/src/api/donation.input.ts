import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEmail, IsEnum, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { AmountScalar, IsAmount, IsDateOnly, PageArgs } from '#core';
import { DonationMethod, DonationStatus, FundBookKind, ReceiptPreference } from '../donation-enums.js';

const KANA = /^[\u30A0-\u30FF\u3000 ー]+$/;
const kanaMessage = 'must be full-width katakana | フリガナは全角カタカナで入力してください';

@InputType({ description: 'A fund (基金): code, names, the book that receives it, restricted or not' })
export class CreateFundInput {
  @Field({ description: 'Stable code, e.g. KODOMO-SHOKUDO (A–Z, 0–9, -)' })
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,29}$/, { message: 'code must be 2–30 of A–Z, 0–9 and - | コードは英大文字・数字・- で2〜30文字にしてください' })
  code: string;

  @Field() @IsString() @Length(1, 200) nameJa: string;
  @Field() @IsString() @Length(1, 200) nameEn: string;
  @Field(() => FundBookKind) @IsEnum(FundBookKind) book: FundBookKind;
  @Field(() => ID, { nullable: true, description: 'For a BRANCH fund: the branch whose book receives it' }) @IsOptional() @IsUUID() branchId?: string | null;
  @Field({ description: 'Restricted (使途指定): booked in 指定寄附金収入 under the fund’s code' }) @IsBoolean() restricted: boolean;
}

@InputType()
export class UpdateFundInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 200) nameJa?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 200) nameEn?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'false closes the fund to new donations' }) @IsOptional() @IsBoolean() open?: boolean | null;
}

@InputType({ description: 'A guest donor (not signed in): name in kanji and kana, e-mail, postal address' })
export class GuestDonorInput {
  @Field() @IsString() @Length(1, 100) nameKanji: string;
  @Field() @IsString() @Length(1, 100) @Matches(KANA, { message: kanaMessage }) nameKana: string;
  @Field() @IsEmail({}, { message: 'must be an e-mail address | メールアドレスの形式で入力してください' }) @MaxLength(254) email: string;
  @Field({ description: '123-4567' }) @Matches(/^\d{3}-?\d{4}$/, { message: 'postalCode must be 7 digits (123-4567) | 郵便番号は7桁で入力してください' }) postalCode: string;
  @Field() @IsString() @Length(1, 300) address: string;
}

@InputType({ description: 'A one-time donation online through Stripe Checkout (card or konbini)' })
export class StartDonationInput {
  @Field(() => ID) @IsUUID() fundId: string;
  @Field(() => AmountScalar) @IsAmount() amount: bigint;
  @Field(() => ID, { nullable: true, description: 'The branch to credit (a member’s own by default)' }) @IsOptional() @IsUUID() branchId?: string | null;
  @Field({ defaultValue: false, description: 'Shown as 匿名 / Anonymous in public lists' }) @IsBoolean() anonymous: boolean = false;
  @Field(() => ReceiptPreference, { defaultValue: ReceiptPreference.PER_GIFT }) @IsEnum(ReceiptPreference) receiptPreference: ReceiptPreference = ReceiptPreference.PER_GIFT;
  @Field(() => GuestDonorInput, { nullable: true, description: 'Required when not signed in as a member' })
  @IsOptional() @ValidateNested() @Type(() => GuestDonorInput)
  guest?: GuestDonorInput | null;
  @Field(() => String, { nullable: true, description: 'ja or en: the language of e-mails and receipts' }) @IsOptional() @IsIn(['ja', 'en']) language?: 'ja' | 'en' | null;
}

@InputType({ description: 'A monthly gift on a saved card (signed-in members): the first month is paid through Checkout' })
export class StartMonthlyGiftInput {
  @Field(() => ID) @IsUUID() fundId: string;
  @Field(() => AmountScalar) @IsAmount() amount: bigint;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() branchId?: string | null;
  @Field({ defaultValue: false }) @IsBoolean() anonymous: boolean = false;
  @Field(() => ReceiptPreference, { defaultValue: ReceiptPreference.ANNUAL }) @IsEnum(ReceiptPreference) receiptPreference: ReceiptPreference = ReceiptPreference.ANNUAL;
  @Field(() => String, { nullable: true }) @IsOptional() @IsIn(['ja', 'en']) language?: 'ja' | 'en' | null;
}

@InputType({ description: 'A donor a treasurer records by name (no member record)' })
export class RecordedDonorInput {
  @Field() @IsString() @Length(1, 100) nameKanji: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 100) @Matches(KANA, { message: kanaMessage }) nameKana?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsEmail({}, { message: 'must be an e-mail address | メールアドレスの形式で入力してください' }) email?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(/^\d{3}-?\d{4}$/, { message: 'postalCode must be 7 digits (123-4567) | 郵便番号は7桁で入力してください' }) postalCode?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 300) address?: string | null;
}

@InputType({ description: 'Cash or a bank transfer a treasurer received for a fund' })
export class RecordDonationInput {
  @Field(() => ID) @IsUUID() fundId: string;
  @Field(() => AmountScalar) @IsAmount() amount: bigint;
  @Field(() => DonationMethod, { description: 'CASH or BANK_TRANSFER' }) @IsIn([DonationMethod.CASH, DonationMethod.BANK_TRANSFER], { message: 'method must be CASH or BANK_TRANSFER | 現金または振込を指定してください' })
  method: DonationMethod.CASH | DonationMethod.BANK_TRANSFER;
  @Field() @IsDateOnly() receivedOn: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() branchId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() memberId?: string | null;
  @Field(() => RecordedDonorInput, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => RecordedDonorInput) donor?: RecordedDonorInput | null;
  @Field({ defaultValue: false }) @IsBoolean() anonymous: boolean = false;
  @Field(() => ReceiptPreference, { defaultValue: ReceiptPreference.PER_GIFT }) @IsEnum(ReceiptPreference) receiptPreference: ReceiptPreference = ReceiptPreference.PER_GIFT;
  @Field(() => String, { nullable: true }) @IsOptional() @IsIn(['ja', 'en']) language?: 'ja' | 'en' | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) reference?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) memo?: string | null;
  @Field(() => String, { nullable: true, description: 'The same key again returns the first donation' }) @IsOptional() @IsString() @Length(1, 200) idempotencyKey?: string | null;
}

@InputType()
export class RefundDonationInput {
  @Field(() => ID) @IsUUID() donationId: string;
  @Field(() => AmountScalar, { nullable: true, description: 'The whole refundable rest when absent' }) @IsOptional() @IsAmount() amount?: bigint | null;
  @Field() @IsString() @Length(1, 500) reason: string;
  @Field() @IsString() @Length(1, 200) idempotencyKey: string;
}

@ArgsType()
export class DonationsArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() fundId?: string | null;
  @Field(() => DonationStatus, { nullable: true }) @IsOptional() @IsEnum(DonationStatus) status?: DonationStatus | null;
}

@ArgsType()
export class FundsArgs {
  @Field({ defaultValue: false, description: 'Closed funds too (staff)' }) @IsBoolean() includeClosed: boolean = false;
}
