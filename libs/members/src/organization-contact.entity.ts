import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A person the federation deals with at an organizational member: at most one primary, one for billing. */
@Entity('organization_contacts')
@Index('organization_contacts_member_idx', ['memberId', 'createdAt', 'id'])
@Index('organization_contacts_primary_key', { synchronize: false })
@Index('organization_contacts_billing_key', { synchronize: false })
export class OrganizationContact {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'member_id' })
  memberId: string;

  @Column('text')
  name: string;

  @Column('text', { name: 'name_kana' })
  nameKana: string;

  @Column('text', { nullable: true })
  title: string | null;

  @Column('text')
  email: string;

  @Column('text', { nullable: true })
  phone: string | null;

  @Column('boolean', { name: 'is_primary', default: false })
  isPrimary: boolean;

  @Column('boolean', { name: 'is_billing', default: false })
  isBilling: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
