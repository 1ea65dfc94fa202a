import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { DuesError } from './dues.errors.js';
import { requireMembershipWriter } from './membership-access.js';
import type { Membership } from './membership.entity.js';
import { MembershipRepository } from './membership.repository.js';
import { addDays } from './periods.js';

/** An open invoice of an auto-renew membership that falls due within the charging window. */
export interface AutoRenewDueInvoice {
  invoiceId: string;
  invoiceNumber: string;
  membershipId: string;
  memberId: string;
  branchId: string;
  dueOn: string;
  /** What the invoice still owes. */
  outstanding: bigint;
  currency: string;
}

/** Days after its due date an invoice is still charged automatically (the last retry is on day 7). */
export const AUTO_RENEW_WINDOW_DAYS = 7;

/**
 * Auto-renew (自動更新) of a membership: the member (or their branch's staff) switches it on or off;
 * the payments library asks which open invoices of auto-renew memberships are due, to charge the
 * member's saved card. Dues knows nothing about cards or Stripe.
 */
@Injectable()
export class MembershipAutoRenew {
  constructor(
    private readonly tx: TransactionService,
    private readonly memberships: MembershipRepository,
    private readonly audit: AuditLog,
  ) {}

  async set(actor: Actor, membershipId: string, on: boolean): Promise<Membership> {
    return this.tx.run(async () => {
      const membership = await this.memberships.lockById(membershipId);
      if (!membership) throw DuesError.membershipNotFound(membershipId);
      requireMembershipWriter(actor, { id: membership.memberId, branchId: membership.branchId });
      if (membership.autoRenew === on) return membership;
      const before = membership.autoRenew;
      membership.autoRenew = on;
      await this.memberships.save(membership);
      await this.audit.record(actor, {
        action: 'membership.autoRenew',
        entityType: 'Membership',
        entityId: membership.id,
        branchId: membership.branchId,
        before: { autoRenew: before },
        after: { autoRenew: on },
      });
      return membership;
    });
  }

  /** Whether the invoice's membership renews automatically (its Checkout then saves the card). */
  async forInvoice(invoiceId: string): Promise<boolean> {
    const [row]: { auto_renew: boolean }[] = await this.tx.manager.query(
      `SELECT m.auto_renew FROM dues_invoices i JOIN memberships m ON m.id = i.membership_id WHERE i.id = $1`,
      [invoiceId],
    );
    return row?.auto_renew ?? false;
  }

  /** How many invoices `dueInvoices(on)` pages through (for a progress bar). */
  async countDueInvoices(on: string): Promise<number> {
    const [row]: { n: number }[] = await this.tx.manager.query(
      `SELECT count(*)::int AS n FROM dues_invoices i JOIN memberships m ON m.id = i.membership_id
        WHERE i.status IN ('OPEN', 'PARTIALLY_PAID') AND i.due_on BETWEEN $1::date AND $2::date
          AND m.auto_renew AND m.status <> 'CANCELLED' AND i.amount > i.paid_amount`,
      [addDays(on, -AUTO_RENEW_WINDOW_DAYS), on],
    );
    return row.n;
  }

  /**
   * Open invoices of auto-renew memberships due on `on` or in the window before it, keyset by
   * invoice id (`after`), `limit` at a time. One statement per page (partial indexes on both sides).
   */
  async dueInvoices(on: string, options: { after?: string | null; limit: number }): Promise<AutoRenewDueInvoice[]> {
    const rows: { id: string; number: string; membership_id: string; member_id: string; branch_id: string; due_on: string; outstanding: string; currency: string }[] =
      await this.tx.manager.query(
        `SELECT i.id, i.number, i.membership_id, i.member_id, i.branch_id, to_char(i.due_on, 'YYYY-MM-DD') AS due_on,
                (i.amount - i.paid_amount)::text AS outstanding, i.currency
           FROM dues_invoices i JOIN memberships m ON m.id = i.membership_id
          WHERE i.status IN ('OPEN', 'PARTIALLY_PAID') AND i.due_on BETWEEN $1::date AND $2::date
            AND m.auto_renew AND m.status <> 'CANCELLED' AND i.amount > i.paid_amount
            AND ($3::uuid IS NULL OR i.id > $3::uuid)
          ORDER BY i.id LIMIT $4`,
        [addDays(on, -AUTO_RENEW_WINDOW_DAYS), on, options.after ?? null, options.limit],
      );
    return rows.map((r) => ({
      invoiceId: r.id,
      invoiceNumber: r.number,
      membershipId: r.membership_id,
      memberId: r.member_id,
      branchId: r.branch_id,
      dueOn: r.due_on,
      outstanding: BigInt(r.outstanding),
      currency: r.currency,
    }));
  }
}
