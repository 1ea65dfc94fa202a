import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from './user.entity.js';

/**
 * A one-time sign-in link sent to a member by e-mail. Only the SHA-256 of the
 * token is stored; it is consumed once (used_at) before expires_at.
 */
@Entity('login_tokens')
export class LoginToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Hex SHA-256 of the token in the link; the link itself is never stored. */
  @Column('text', { name: 'token_hash', unique: true })
  tokenHash: string;

  @Index('login_tokens_user_idx')
  @Column('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'login_tokens_user_id_fkey' })
  user: Relation<User>;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'used_at', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
