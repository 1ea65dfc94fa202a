import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { DuesError } from './dues.errors.js';
import { DuesMembers } from './dues-members.js';
import { DuesPlanRepository } from './dues-plan.repository.js';
import { MembershipStatus } from './membership-status.js';
import { Membership } from './membership.entity.js';
import { MembershipStatusChange } from './membership-status-change.entity.js';
import { isIsoDate } from './periods.js';

/** A membership carried over from the register kept before Rentai: its plan, standing and last period. */
export interface EnrollmentRow {
  memberId: string;
  planId: string;
  joinedOn: string;
  /** ACTIVE (paid through `paidThrough`), LAPSED, or CANCELLED (on `cancelledOn`). */
  status: MembershipStatus.ACTIVE | MembershipStatus.LAPSED | MembershipStatus.CANCELLED;
  /** The latest period the old register invoiced. */
  periodStart: string;
  periodEnd: string;
  paidThrough: string | null;
  cancelledOn?: string | null;
}

/** Rows per INSERT statement. */
const CHUNK = 1000;
const ENROLLABLE = [MembershipStatus.ACTIVE, MembershipStatus.LAPSED, MembershipStatus.CANCELLED];

/**
 * Enrolment in bulk (移行): memberships of members who were members before Rentai, with the
 * standing the old register gives them, set-based (multi-row inserts, one history row and one
 * audit event each). No invoice is issued: the next fiscal-year issuance invoices the current
 * ones like everybody else. The demo federation is seeded through here.
 */
@Injectable()
export class MembershipEnrollment {
  constructor(
    private readonly tx: TransactionService,
    private readonly plans: DuesPlanRepository,
    private readonly members: DuesMembers,
    private readonly audit: AuditLog,
  ) {}

  /** The new memberships' ids, in the order of `rows`. BAD_USER_INPUT naming the row; nothing is written then. */
  async enrollMany(actor: Actor, rows: readonly EnrollmentRow[]): Promise<string[]> {
    if (rows.length === 0) return [];
    return this.tx.run(async () => {
      const plans = new Map((await this.plans.findByIds([...new Set(rows.map((r) => r.planId))])).map((p) => [p.id, p]));
      const members = await this.members.findMany(rows.map((r) => r.memberId));
      const seen = new Set<string>();
      const memberships = rows.map((row, i) => {
        const field = `rows.${i}`;
        const plan = plans.get(row.planId);
        const member = members.get(row.memberId);
        if (!plan) throw DuesError.planNotFound(row.planId);
        if (!member) throw DuesError.memberNotFound(row.memberId);
        if (plan.memberKind !== member.kind || (plan.sizeTier !== null && member.sizeTier !== null && plan.sizeTier !== member.sizeTier)) {
          throw DuesError.planMemberKindMismatch(`${field}.planId`);
        }
        if (!ENROLLABLE.includes(row.status)) {
          throw DuesError.enrolmentStatusNotAllowed(`${field}.status`);
        }
        const dates = [row.joinedOn, row.periodStart, row.periodEnd, row.paidThrough ?? row.periodEnd, row.cancelledOn ?? row.periodEnd];
        if (!dates.every(isIsoDate) || row.periodStart > row.periodEnd) {
          throw DuesError.enrolmentDatesInvalid(`${field}.periodStart`);
        }
        if (seen.has(row.memberId)) throw DuesError.memberListedTwice(`${field}.memberId`);
        seen.add(row.memberId);
        return Object.assign(new Membership(), {
          memberId: member.id,
          branchId: member.branchId,
          planId: plan.id,
          nextPlanId: null,
          status: row.status,
          joinedOn: row.joinedOn,
          periodStart: row.periodStart,
          periodEnd: row.periodEnd,
          paidThrough: row.paidThrough,
          cancelledOn: row.status === MembershipStatus.CANCELLED ? (row.cancelledOn ?? row.periodEnd) : null,
        });
      });
      const ids: string[] = [];
      for (let start = 0; start < memberships.length; start += CHUNK) {
        const chunk = memberships.slice(start, start + CHUNK);
        const inserted = await this.tx.repository(Membership).createQueryBuilder().insert().values(chunk).returning(['id']).execute();
        chunk.forEach((m, i) => (m.id = (inserted.raw as { id: string }[])[i].id));
        ids.push(...chunk.map((m) => m.id));
        await this.tx.repository(MembershipStatusChange).insert(
          chunk.map((m) => ({ membershipId: m.id, fromStatus: null, toStatus: m.status, event: 'ENROLL', effectiveOn: m.joinedOn, invoiceId: null, actorUserId: actor.userId })),
        );
      }
      await this.audit.recordMany(
        actor,
        memberships.map((m) => ({ action: 'membership.enroll', entityType: 'Membership', entityId: m.id, branchId: m.branchId, after: m })),
      );
      return ids;
    });
  }
}
