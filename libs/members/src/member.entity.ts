import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { MemberKind } from './member-number.js';
import type { Organization } from './organization.entity.js';
import type { Person } from './person.entity.js';

/**
 * The member record's own standing in the register (在籍: on the roll, suspended, lapsed, withdrawn), set by
 * staff or an import. Not the dues standing: whether a member has paid for the current period is their
 * membership's MembershipStatus (libs/dues, PENDING … CANCELLED), which payments and the standing scan move.
 */
export enum MemberStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  LAPSED = 'LAPSED',
  WITHDRAWN = 'WITHDRAWN',
}

/**
 * A member of the federation: an individual (個人会員, details in `persons`) or an
 * organization (団体会員, details in `organizations`), in one id space.
 * Contact details common to both live here; `*_key` columns are search keys (searchKey()).
 */
@Entity('members')
@Index('members_member_number_key', ['memberNumber'], { unique: true })
@Index('members_email_key', ['email'], { unique: true })
/** The members with an address, by id (MEMBER_EMAIL_CONTACTS_SQL: the renewal reminders probe it per invoice, index-only). */
@Index('members_with_email_idx', ['id'], { where: 'email IS NOT NULL' })
@Index('members_name_key_idx', ['nameKey', 'kanaKey', 'id'])
@Index('members_alt_name_key_idx', ['altNameKey', 'kanaKey', 'id'])
@Index('members_kana_key_idx', ['kanaKey', 'id'])
@Index('members_alt_kana_key_idx', ['altKanaKey', 'kanaKey', 'id'])
@Index('members_branch_number_idx', ['branchId', 'memberNumber'])
@Index('members_branch_kana_idx', ['branchId', 'kanaKey', 'id'])
@Index('members_branch_joined_idx', ['branchId', 'joinedOn', 'id'])
@Index('members_joined_idx', ['joinedOn', 'id'])
@Index('members_status_number_idx', ['status', 'memberNumber'])
@Index('members_branch_payer_key_idx', ['branchId', 'payerKey'])
@Index('members_branch_payer_family_idx', ['branchId', 'payerFamily'])
export class Member {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  kind: MemberKind;

  /** P0000123 / O000012: see member-number.ts. */
  @Column({ type: 'text', name: 'member_number', collation: 'C' })
  memberNumber: string;

  /** The home branch (支部). */
  @Column('uuid', { name: 'branch_id' })
  branchId: string;

  @Column('text', { default: MemberStatus.ACTIVE })
  status: MemberStatus;

  /** YYYY-MM-DD. */
  @Column('date', { name: 'joined_on' })
  joinedOn: string;

  /** Display name: 山田 太郎 / the organization's name. */
  @Column('text')
  name: string;

  /** ヤマダ タロウ / the organization's name in katakana. */
  @Column('text', { name: 'name_kana' })
  nameKana: string;

  /** Lower-case; unique; required for individuals. */
  @Column({ type: 'text', nullable: true, collation: 'C' })
  email: string | null;

  @Column('text', { nullable: true })
  phone: string | null;

  /** 7 digits, no hyphen. */
  @Column('text', { name: 'postal_code', nullable: true })
  postalCode: string | null;

  @Column('text', { nullable: true })
  address: string | null;

  @Column({ type: 'text', name: 'name_key', collation: 'C' })
  nameKey: string;

  /** Given name (people) or the name without its legal form (organizations). */
  @Column({ type: 'text', name: 'alt_name_key', nullable: true, collation: 'C' })
  altNameKey: string | null;

  @Column({ type: 'text', name: 'kana_key', collation: 'C' })
  kanaKey: string;

  @Column({ type: 'text', name: 'alt_kana_key', nullable: true, collation: 'C' })
  altKanaKey: string | null;

  /** The kana as a bank writes a payer (`nameKeys` in #core): reconciliation finds a bank line's member by it. */
  @Column({ type: 'text', name: 'payer_key', nullable: true, collation: 'C' })
  payerKey: string | null;

  /** The first word of that key (the family name of a person). */
  @Column({ type: 'text', name: 'payer_family', nullable: true, collation: 'C' })
  payerFamily: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Loaded with the member by the repository (leftJoinAndMapOne), never a TypeORM relation. */
  person?: Person | null;
  organization?: Organization | null;
}
