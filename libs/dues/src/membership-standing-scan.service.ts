import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { MembershipEvent, MembershipStatus } from './membership-status.js';
import { isIsoDate } from './periods.js';
import { DuesError } from './dues.errors.js';

export interface StandingScanResult {
  /** ACTIVE → GRACE: the paid periods ended before `asOf` and the next one is unpaid. */
  intoGrace: number;
  /** GRACE / PENDING → LAPSED: the plan's grace days after the paid periods (or the first period) ran out. */
  lapsed: number;
}

/**
 * The standing scan, set-based: moves every membership whose payments no longer carry it as of
 * `asOf` (the rule of `standing()` in membership-status.ts), two statements per step, each change
 * written to membership_status_changes. Renewal scheduling runs it daily; the demo seed replays
 * the days its history crosses. A second run on the same day changes nothing.
 *
 * A payment committed while the scan runs is never overwritten: each row is locked
 * (FOR UPDATE) and PostgreSQL re-checks the condition on the row's latest version once the
 * payment's lock is released, so a membership the payment carried no longer qualifies.
 */
@Injectable()
export class MembershipStandingScan {
  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditLog,
  ) {}

  async run(actor: Actor, asOf: string, options: { branchId?: string } = {}): Promise<StandingScanResult> {
    if (!isIsoDate(asOf)) throw DuesError.dateInvalid('asOf');
    return this.tx.run(async () => {
      const intoGrace = await this.move(
        actor,
        MembershipEvent.PERIOD_ENDED_UNPAID,
        [MembershipStatus.ACTIVE],
        MembershipStatus.GRACE,
        `m.paid_through IS NOT NULL AND m.paid_through < $1::date`,
        `(m.paid_through + 1)`,
        asOf,
        options.branchId,
      );
      const lapsed = await this.move(
        actor,
        MembershipEvent.GRACE_EXPIRED,
        [MembershipStatus.GRACE, MembershipStatus.PENDING],
        MembershipStatus.LAPSED,
        `COALESCE(m.paid_through, m.period_end) + p.grace_days < $1::date`,
        `(COALESCE(m.paid_through, m.period_end) + p.grace_days + 1)`,
        asOf,
        options.branchId,
      );
      if (intoGrace + lapsed > 0) {
        await this.audit.record(actor, { action: 'membership.standingScan', entityType: 'MembershipStanding', entityId: options.branchId ? `${asOf}:${options.branchId}` : asOf, branchId: options.branchId, after: { asOf, intoGrace, lapsed } });
      }
      return { intoGrace, lapsed };
    });
  }

  /** One transition for every membership it is due to (locked, moved, its history row written): how many moved. */
  private async move(actor: Actor, event: MembershipEvent, from: MembershipStatus[], to: MembershipStatus, due: string, effectiveOn: string, asOf: string, branchId?: string): Promise<number> {
    const [row]: { n: number }[] = await this.tx.manager.query(
      `WITH due AS (
         SELECT m.id, m.status AS from_status, LEAST(${effectiveOn}, $1::date) AS effective_on
           FROM memberships m JOIN dues_plans p ON p.id = m.plan_id
          WHERE m.status = ANY($2::text[]) AND ($6::uuid IS NULL OR m.branch_id = $6::uuid) AND ${due}
            FOR UPDATE OF m
       ), moved AS (
         UPDATE memberships m SET status = $3, updated_at = now() FROM due WHERE m.id = due.id RETURNING m.id
       ), history AS (
         INSERT INTO membership_status_changes (membership_id, from_status, to_status, event, effective_on, actor_user_id)
         SELECT due.id, due.from_status, $3, $4, due.effective_on, $5 FROM due
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM moved)::int AS n, (SELECT count(*) FROM history)::int AS h`,
      [asOf, from, to, event, actor.userId, branchId ?? null],
    );
    return row.n;
  }
}
