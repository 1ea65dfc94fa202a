import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only (a trigger refuses UPDATE and DELETE): who did what to which entity. */
@Entity('audit_events')
@Index('audit_events_entity_idx', ['entityType', 'entityId', 'id'])
@Index('audit_events_actor_idx', ['actorUserId', 'id'])
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column('timestamptz', { name: 'occurred_at', default: () => 'now()' })
  occurredAt: Date;

  @Column('uuid', { name: 'actor_user_id' })
  actorUserId: string;

  @Column('text', { name: 'actor_email' })
  actorEmail: string;

  /** The actor's display name when the event was written (null for events older than the column). */
  @Column('text', { name: 'actor_name', nullable: true })
  actorName: string | null;

  /** e.g. `member.update`, `branch.create`, `period.close`. */
  @Column('text')
  action: string;

  @Column('text', { name: 'entity_type' })
  entityType: string;

  @Column('text', { name: 'entity_id' })
  entityId: string;

  /** The branch the entity belongs to, when it has one: branch-scoped readers. */
  @Index('audit_events_branch_idx')
  @Column('uuid', { name: 'branch_id', nullable: true })
  branchId: string | null;

  @Column('jsonb', { nullable: true })
  before: Record<string, unknown> | null;

  @Column('jsonb', { nullable: true })
  after: Record<string, unknown> | null;
}
