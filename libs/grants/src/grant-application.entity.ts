import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintTransformer } from '#core';
import type { CostLines } from './budget.js';
import { costLinesTransformer } from './cost-lines.transformer.js';
import { GrantApplicationStatus } from './application-status.js';

/**
 * An application for a training grant, by a member or by someone who is not (entered by staff on
 * their behalf), with the course, its costs per category, the review and the decisions.
 * `awardedAmount` is what counts against the budget: the approved total, cut to what was paid
 * when the grant is cancelled, completed or paid out with a smaller final payment.
 */
@Entity('grant_applications')
@Index('grant_applications_program_number_key', ['programId', 'number'], { unique: true })
@Index('grant_applications_program_status_idx', ['programId', 'status', 'id'])
@Index('grant_applications_program_applicant_idx', ['programId', 'applicantKey'])
@Index('grant_applications_member_idx', ['applicantMemberId'])
@Index('grant_applications_created_by_idx', ['createdBy'])
export class GrantApplication {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'program_id' })
  programId: string;

  /** 1, 2, … within the program. */
  @Column('integer')
  number: number;

  @Column('text', { default: GrantApplicationStatus.DRAFT })
  status: GrantApplicationStatus;

  /** The applicant's member record, when they are a member. */
  @Column('uuid', { name: 'applicant_member_id', nullable: true })
  applicantMemberId: string | null;

  /** Who the per-person limit counts for: `member:<id>` or `email:<address>`. */
  @Column('text', { name: 'applicant_key' })
  applicantKey: string;

  @Column('text', { name: 'applicant_name_kanji' })
  applicantNameKanji: string;

  /** Full-width katakana. */
  @Column('text', { name: 'applicant_name_kana' })
  applicantNameKana: string;

  @Column('text')
  email: string;

  @Column('text', { nullable: true })
  phone: string | null;

  @Column('text', { name: 'postal_code', nullable: true })
  postalCode: string | null;

  @Column('text', { nullable: true })
  address: string | null;

  /** The language the applicant is written to in. */
  @Column('text', { default: 'ja' })
  locale: 'ja' | 'en';

  @Column('uuid', { name: 'referral_branch_id', nullable: true })
  referralBranchId: string | null;

  @Column('text', { name: 'referral_partner', nullable: true })
  referralPartner: string | null;

  @Column('text', { name: 'course_provider' })
  courseProvider: string;

  @Column('text', { name: 'course_name' })
  courseName: string;

  @Column('date', { name: 'course_starts_on' })
  courseStartsOn: string;

  @Column('date', { name: 'course_ends_on' })
  courseEndsOn: string;

  @Column('jsonb', { name: 'requested_costs', transformer: costLinesTransformer })
  requestedCosts: CostLines;

  @Column('bigint', { name: 'requested_amount', transformer: bigintTransformer })
  requestedAmount: bigint;

  /** The user who made or entered it. */
  @Column('uuid', { name: 'created_by' })
  createdBy: string;

  @Column('timestamptz', { name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  // The officer's review
  @Column('uuid', { name: 'reviewed_by', nullable: true })
  reviewedBy: string | null;

  @Column('jsonb', { name: 'review_checklist', nullable: true })
  reviewChecklist: Record<string, boolean> | null;

  @Column('bigint', { name: 'recommended_amount', nullable: true, transformer: bigintTransformer })
  recommendedAmount: bigint | null;

  @Column('text', { name: 'review_comment', nullable: true })
  reviewComment: string | null;

  @Column('timestamptz', { name: 'reviewed_at', nullable: true })
  reviewedAt: Date | null;

  // The first approval of an award above the threshold, waiting for a second approver
  @Column('uuid', { name: 'first_approved_by', nullable: true })
  firstApprovedBy: string | null;

  @Column('jsonb', { name: 'first_approved_costs', nullable: true, transformer: costLinesTransformer })
  firstApprovedCosts: CostLines | null;

  @Column('timestamptz', { name: 'first_approved_at', nullable: true })
  firstApprovedAt: Date | null;

  // The decision
  @Column('jsonb', { name: 'approved_costs', nullable: true, transformer: costLinesTransformer })
  approvedCosts: CostLines | null;

  /** The approved total as decided (never changes afterwards). */
  @Column('bigint', { name: 'approved_amount', nullable: true, transformer: bigintTransformer })
  approvedAmount: bigint | null;

  /** What counts against the budget now (see the class comment). */
  @Column('bigint', { name: 'awarded_amount', default: 0, transformer: bigintTransformer })
  awardedAmount: bigint;

  @Column('uuid', { name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column('text', { name: 'decision_comment', nullable: true })
  decisionComment: string | null;

  /** Counts the e-mailed decisions (each gets its own idempotency key). */
  @Column('integer', { name: 'notice_count', default: 0 })
  noticeCount: number;

  @Column('timestamptz', { name: 'first_paid_at', nullable: true })
  firstPaidAt: Date | null;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
