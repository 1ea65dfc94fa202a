import { Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { RoleGrant } from './role-grant.entity.js';

/** A person who signs in: staff with a password, members by e-mailed link. */
@Entity('users')
@Index('users_member_id_key', ['memberId'], { unique: true, where: 'member_id IS NOT NULL' })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-case; unique. */
  @Column('text', { unique: true })
  email: string;

  @Column('text', { name: 'display_name' })
  displayName: string;

  @Column('text', { name: 'password_hash', nullable: true })
  passwordHash: string | null;

  /** The member record this user is, for MEMBER sign-ins. */
  @Column('uuid', { name: 'member_id', nullable: true })
  memberId: string | null;

  @Column('text', { default: 'ja' })
  locale: 'ja' | 'en';

  @Column('boolean', { default: true })
  active: boolean;

  @Column('int', { name: 'session_version', default: 1 })
  sessionVersion: number;

  @OneToMany(() => RoleGrant, (g) => g.user)
  grants: Relation<RoleGrant>[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
