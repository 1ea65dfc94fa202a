import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintTransformer } from '#core';
import type { AllocationRule, ShareKind } from './allocation.js';
import type { MemberKind } from '#members';
import { JoinerCharge, OrganizationSizeTier } from './dues-enums.js';
import type { PeriodMode } from './periods.js';

/** A dues plan (会費プラン): what a member pays a year and how it is split between federation and branch. */
@Entity('dues_plans')
@Index('dues_plans_code_key', ['code'], { unique: true })
export class DuesPlan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Short stable code, e.g. `IND-STD`; never changes. */
  @Column('text')
  code: string;

  @Column('text', { name: 'name_ja' })
  nameJa: string;

  @Column('text', { name: 'name_en' })
  nameEn: string;

  /** Whom the plan is for: persons (個人会員) or organizations (団体会員), the members library's MemberKind. */
  @Column('text', { name: 'member_kind' })
  memberKind: MemberKind;

  /** Organizations only: the size tier the plan is for. */
  @Column('text', { name: 'size_tier', nullable: true })
  sizeTier: OrganizationSizeTier | null;

  /** The yearly amount in minor units. */
  @Column('bigint', { transformer: bigintTransformer })
  amount: bigint;

  @Column('char', { length: 3, default: 'JPY' })
  currency: string;

  @Column('text', { name: 'period_mode' })
  periodMode: PeriodMode;

  @Column('smallint', { name: 'fiscal_year_start_month', default: 4 })
  fiscalYearStartMonth: number;

  @Column('int', { name: 'grace_days', default: 30 })
  graceDays: number;

  @Column('text', { name: 'joiner_charge', default: JoinerCharge.FULL_YEAR })
  joinerCharge: JoinerCharge;

  @Column('text', { name: 'federation_share_kind' })
  federationShareKind: ShareKind;

  /** Minor units (FIXED) or basis points (BASIS_POINTS). */
  @Column('bigint', { name: 'federation_share_value', transformer: bigintTransformer })
  federationShareValue: bigint;

  /** Inactive plans accept no new members; existing memberships keep them. */
  @Column('boolean', { default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  get rule(): AllocationRule {
    return { kind: this.federationShareKind, value: this.federationShareValue };
  }
}
