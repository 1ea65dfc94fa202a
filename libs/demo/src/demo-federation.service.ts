import { Injectable } from '@nestjs/common';
import { AppConfig, Clock, TransactionService } from '#core';
import { Role, SYSTEM_ACTOR } from '#auth';
import { AuditLog } from '#audit';
import { DemoSeed, type DemoAccount } from '#members';
import { GrantsDemo } from '#grants';
import { DonationsDemo } from '#donations';
import { ReconciliationDemo } from '#reconciliation';
import { AutoRenewDemo } from '#payments';
import { ReceiptsDemo } from '#receipts';
import { RenewalsDemo } from '#renewals';
import { DemoBooks } from './demo-books.service.js';
import { DemoDues } from './demo-dues.service.js';
import { DemoError } from './demo.errors.js';
import { demoMoneyPlan } from './demo-money.js';
import { DemoPayments } from './demo-payments.service.js';
import { demoTimeline } from './demo-timeline.js';

export interface DemoFederationResult {
  seeded: boolean;
  /** Why nothing was seeded: the database has data, or this is not a development environment. */
  skipped?: 'HAS_DATA' | 'NOT_DEVELOPMENT';
  branches: number;
  organizations: number;
  persons: number;
  plans: number;
  memberships: number;
  invoices: number;
  payments: number;
  settlements: number;
  closedMonths: number;
  fiscalYear: number | null;
  /** One grant application in every status (libs/grants' GrantsDemo). */
  grantApplications: number;
  /** Funds, donations and monthly gifts (libs/donations' DonationsDemo). */
  funds: number;
  donations: number;
  /** Members with auto-renew on and a saved (fake) card. */
  autoRenewMembers: number;
  /** 領収書 issued (rendered and e-mailed by the worker after the seed commits). */
  receipts: number;
  /** Anniversary members renewing around today: invoiced, reminded, some in grace or lapsed (libs/renewals' RenewalsDemo). */
  renewalMembers: number;
  accounts: DemoAccount[];
}

/** The first Tokyo members (the demo member account among them) whose paid invoices get their 領収書 in the demo. */
const DEMO_RECEIPT_MEMBERS = 40;

const LOCK = `SELECT pg_advisory_xact_lock(hashtext('rentai:seed:demo'))`;
const NOT_SEEDED = { seeded: false, branches: 0, organizations: 0, persons: 0, plans: 0, memberships: 0, invoices: 0, payments: 0, settlements: 0, closedMonths: 0, fiscalYear: null, grantApplications: 0, funds: 0, donations: 0, autoRenewMembers: 0, receipts: 0, renewalMembers: 0 };

/**
 * The living demo federation, in one transaction (all or nothing) into an empty database: each
 * library's part made by that library's own services — branches, members and accounts (members),
 * plans, memberships and this fiscal year's invoices (dues), a year of payments and the quarterly
 * settlements (payments), closed months (ledger). Deterministic: the same day gives the same data.
 * `seed:demo` and `npm start` both seed through here. A library that adds a capability adds its
 * part below, so every screen has something true to show on a fresh start.
 */
@Injectable()
export class DemoFederation {
  constructor(
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly members: DemoSeed,
    private readonly dues: DemoDues,
    private readonly payments: DemoPayments,
    private readonly books: DemoBooks,
    private readonly grants: GrantsDemo,
    private readonly statements: ReconciliationDemo,
    private readonly donations: DonationsDemo,
    private readonly autoRenew: AutoRenewDemo,
    private readonly receipts: ReceiptsDemo,
    private readonly renewals: RenewalsDemo,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
  ) {}

  /**
   * The demo (and its accounts with published passwords) may be seeded here: NODE_ENV=development
   * only — anywhere else (production, a deployment that left NODE_ENV unset, tests that do not ask
   * for it) nothing is seeded and the caller is told why.
   */
  get allowed(): boolean {
    return this.config.nodeEnv === 'development';
  }

  async run(options: { ifEmpty: boolean; onStep?: (step: string) => void }): Promise<DemoFederationResult> {
    const step = options.onStep ?? (() => undefined);
    if (!this.allowed) {
      if (options.ifEmpty) return { ...NOT_SEEDED, skipped: 'NOT_DEVELOPMENT', accounts: [] };
      throw DemoError.onlyInDevelopment(this.config.nodeEnv);
    }
    return this.tx.run(async (manager) => {
      await manager.query(LOCK);
      if (!(await this.members.isEmpty())) {
        if (options.ifEmpty) return { ...NOT_SEEDED, skipped: 'HAS_DATA', accounts: [] };
        throw DemoError.databaseNotEmpty();
      }
      const timeline = demoTimeline(this.clock.today());
      const seeded = await this.members.seed(step);
      const plan = demoMoneyPlan(seeded.members, timeline);
      step('dues plans, memberships and invoices');
      const dues = await this.dues.seed(seeded.members, plan, timeline);
      step(`payments (${plan.payments.length})`);
      const money = await this.payments.seed(plan.payments, dues.invoices, timeline);
      step('receipts of Tokyo members who paid in full');
      const tokyoInvoices = seeded.members.filter((m) => m.branchCode === 'TKY').flatMap((m) => dues.invoices.get(m.id)?.id ?? []);
      const receipts = await this.receipts.seed(tokyoInvoices.slice(0, DEMO_RECEIPT_MEMBERS));
      step('closed months');
      const branchIds = [...new Set(seeded.members.map((m) => m.branchId))];
      await this.books.closeMonths(branchIds, timeline.closedMonths);
      step('grant program and applications');
      const grants = await this.grants.seed();
      step('a bank statement for the Tokyo branch to reconcile');
      const [tokyo]: { id: string }[] = await manager.query(`SELECT id FROM branches WHERE code = 'TKY'`);
      if (tokyo) await this.statements.seed(tokyo.id, { on: timeline.lastPaymentOn });
      step('funds, donations and a monthly gift');
      const donationBranch = tokyo?.id ?? seeded.members[0].branchId;
      const givers = seeded.members.filter((m) => m.branchId === donationBranch).slice(0, 5).map((m) => m.id);
      const gifts = await this.donations.seed({ branchId: donationBranch, memberIds: givers });
      step('auto-renew members with a saved card');
      const autoRenew = await this.autoRenew.seed(await this.autoRenewMembers(seeded.accounts));
      step('renewals: anniversary members renewing around today, reminded, some in grace or lapsed');
      const renewals = tokyo ? await this.renewals.seed(tokyo.id) : { members: 0 };

      const counts = {
        branches: seeded.branches,
        organizations: seeded.organizations,
        persons: seeded.persons,
        plans: dues.plans,
        memberships: dues.memberships,
        invoices: dues.invoices.size,
        payments: money.payments,
        settlements: money.settlements,
        closedMonths: timeline.closedMonths.length,
        fiscalYear: timeline.fiscalYear,
        grantApplications: Object.keys(grants.applications).length,
        funds: gifts.funds,
        donations: gifts.donations,
        autoRenewMembers: autoRenew,
        receipts,
        renewalMembers: renewals.members,
      };
      await this.audit.record(SYSTEM_ACTOR, { action: 'demo.seed', entityType: 'Federation', entityId: 'demo', after: counts });
      return { seeded: true, ...counts, accounts: seeded.accounts };
    });
  }

  /**
   * Who renews automatically in the demo: the member account of the summary, and 24 Tokyo members
   * whose invoice of this year is still open (so `runAutoRenewCharges(on: <its due date>)` charges them).
   */
  private async autoRenewMembers(accounts: DemoAccount[]): Promise<{ memberId: string; memberNumber: string; membershipId: string }[]> {
    const memberEmail = accounts.find((a) => a.role === Role.MEMBER)?.email ?? '';
    return this.tx.manager.query(
      `(SELECT m.id AS "memberId", m.member_number AS "memberNumber", ms.id AS "membershipId"
          FROM members m JOIN memberships ms ON ms.member_id = m.id AND ms.status <> 'CANCELLED' WHERE m.email = $1)
       UNION
       (SELECT m.id, m.member_number, ms.id FROM members m
          JOIN memberships ms ON ms.member_id = m.id AND ms.status <> 'CANCELLED'
          JOIN branches b ON b.id = m.branch_id AND b.code = 'TKY'
         WHERE m.kind = 'PERSON' AND EXISTS (SELECT 1 FROM dues_invoices i WHERE i.membership_id = ms.id AND i.status IN ('OPEN', 'PARTIALLY_PAID'))
         ORDER BY m.member_number LIMIT 24)`,
      [memberEmail],
    );
  }

  /** The demo accounts present in the database, as `run` listed them when it seeded: for a restart's summary. */
  accountsInDatabase(): Promise<DemoAccount[]> {
    return this.members.accountsInDatabase();
  }
}
