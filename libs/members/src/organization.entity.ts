import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum OrganizationSizeTier {
  SMALL = 'SMALL',
  MEDIUM = 'MEDIUM',
  LARGE = 'LARGE',
}

/** An organizational member (団体会員): its name is on the member row. */
@Entity('organizations')
@Index('organizations_corporate_number_key', ['corporateNumber'], { unique: true })
export class Organization {
  @PrimaryColumn('uuid', { name: 'member_id' })
  memberId: string;

  /** 法人番号, 13 digits with a valid check digit; null for an unincorporated group. */
  @Column('text', { name: 'corporate_number', nullable: true })
  corporateNumber: string | null;

  @Column('text', { name: 'representative_name' })
  representativeName: string;

  @Column('text', { name: 'representative_title', nullable: true })
  representativeTitle: string | null;

  /** Dues are charged by tier. */
  @Column('text', { name: 'size_tier' })
  sizeTier: OrganizationSizeTier;
}
