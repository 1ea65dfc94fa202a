import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Role } from '#access';
import { User } from './user.entity.js';

/** A role held by a user; branch roles name the branch (one grant per branch). */
@Entity('role_grants')
/** Unique (user, role, branch) with NULLS NOT DISTINCT: created by the migration. */
@Index('role_grants_user_role_branch_key', { synchronize: false })
@Index('role_grants_role_branch_idx', ['role', 'branchId', 'userId'])
export class RoleGrant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne(() => User, (u) => u.grants, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'role_grants_user_id_fkey' })
  user: Relation<User>;

  @Column('text')
  role: Role;

  @Index('role_grants_branch_idx')
  @Column('uuid', { name: 'branch_id', nullable: true })
  branchId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
