import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Work that must follow a committed change, written in the same transaction and
 * relayed to BullMQ after commit. job_id is the BullMQ job id: deterministic, unique.
 * A row the relay cannot publish (a job name this worker does not know, an add that
 * throws) counts its attempts, waits until next_attempt_at, and is dead after the last
 * attempt (dead_at): never again in the way of the rows behind it. An operator revives a
 * dead row by clearing dead_at.
 */
@Entity('outbox')
@Index('outbox_pending_idx', ['id'], { where: 'published_at IS NULL AND dead_at IS NULL' })
@Index('outbox_dead_idx', ['deadAt'], { where: 'dead_at IS NOT NULL' })
export class OutboxEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column('text', { name: 'job_name' })
  jobName: string;

  @Column('text', { name: 'job_id', unique: true })
  jobId: string;

  @Column('jsonb')
  payload: Record<string, unknown>;

  /** The BullMQ priority of the job (0 before every prioritized job, then 1, 2, …); null: the job's default (JOBS). */
  @Column('int', { nullable: true })
  priority: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt: Date | null;

  /** Failed attempts to publish. */
  @Column('int', { default: 0 })
  attempts: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  /** Not tried again before this instant (after a failed attempt). */
  @Column('timestamptz', { name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;

  @Column('timestamptz', { name: 'dead_at', nullable: true })
  deadAt: Date | null;
}
