import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

/** What UserAccounts.ensureMemberUser accepts: the sign-in identity of a member record. */
export class MemberUserDraft {
  @IsUUID()
  memberId: string;

  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName: string;

  @IsOptional()
  @IsIn(['ja', 'en'])
  locale?: 'ja' | 'en';

  /** For the confirmation e-mail to an existing user (see MemberLinkConfirmations). */
  @IsOptional()
  @IsString()
  @MaxLength(20)
  memberNumber?: string;
}
