import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An invoice's member is its membership's member, held by the database: one foreign key
 * (membership_id, member_id) → memberships (id, member_id) replaces the two single ones
 * (membership_id → memberships, member_id → members). Nothing is lost: the membership still
 * exists (the same check), and its member exists because memberships.member_id → members; what
 * is gained is that an invoice can no longer name another member than its membership's. What it
 * saves: the renewal run checked every invoice's member separately, locking (FOR KEY SHARE) a
 * members row per invoice — the costliest of the four checks (bench/RESULTS.md, renewals). The
 * membership is locked by the run's own move, so the one check left finds it already locked.
 * branch_id and plan_id keep their own keys: a membership moves branch (転籍) and plan, its
 * invoices stay where and what they were issued, so neither is implied by the membership.
 */
export class InvoiceMembershipMemberKey1764000430000 implements MigrationInterface {
  name = 'InvoiceMembershipMemberKey1764000430000';

  async up(q: QueryRunner): Promise<void> {
    // The key the foreign key needs (id alone is unique already, so this one is too). Neither column ever changes,
    // so moving a membership to its next period stays a HOT update.
    await q.query(`CREATE UNIQUE INDEX memberships_id_member_key ON memberships (id, member_id)`);
    await q.query(`ALTER TABLE dues_invoices ADD CONSTRAINT dues_invoices_membership_member_fkey
                     FOREIGN KEY (membership_id, member_id) REFERENCES memberships (id, member_id)`);
    await q.query(`ALTER TABLE dues_invoices DROP CONSTRAINT dues_invoices_membership_id_fkey`);
    await q.query(`ALTER TABLE dues_invoices DROP CONSTRAINT dues_invoices_member_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dues_invoices ADD CONSTRAINT dues_invoices_member_id_fkey FOREIGN KEY (member_id) REFERENCES members (id)`);
    await q.query(`ALTER TABLE dues_invoices ADD CONSTRAINT dues_invoices_membership_id_fkey FOREIGN KEY (membership_id) REFERENCES memberships (id)`);
    await q.query(`ALTER TABLE dues_invoices DROP CONSTRAINT dues_invoices_membership_member_fkey`);
    await q.query(`DROP INDEX memberships_id_member_key`);
  }
}
