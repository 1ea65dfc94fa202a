import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DEMO_RENEWAL_OFFSETS } from '#renewals';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ENV } from '#core';
import { Role } from '#auth';
import { DEMO_STAFF_ACCOUNTS } from '#members';
import { CliModule } from '../apps/cli/src/cli.module.js';
import { runCli } from './support/run-cli.js';
import { gql } from './support/gql.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { TestApp } from './support/test-app.js';
import { FakeStripe } from './fakes/stripe-server.js';

const SIGN_IN = gql(`mutation SeedDemoSignIn($input: SignInInput!) { signIn(input: $input) { token } }`);
const SATO_MEMBERS = gql(`query SeedDemoSatoMembers { members(first: 5, filter: { name: "ｻﾄｳ" }) { edges { node { nameKana branch { code } } } } }`);
const MEMBER_BRANCHES = gql(`query SeedDemoMemberBranches { members(first: 100) { edges { node { branch { code } } } } }`);
const MY_SAVED_CARD = gql(`query SeedDemoMySavedCard { mySavedCard { brand last4 expMonth expYear } }`);

/** The CLI's own context (CliModule, with #demo) on the test app's database and environment. */
async function cliContext(t: TestApp): Promise<INestApplicationContext> {
  const module = await Test.createTestingModule({ imports: [CliModule] }).overrideProvider(ENV).useValue(t.env).compile();
  return module.init();
}

describe('seed:demo', () => {
  let t: TestApp;
  /** The CLI's own context (CliModule, with #demo), on the test app's database. */
  let cli: INestApplicationContext;
  let first: Awaited<ReturnType<typeof runCli>>;
  let stripe: FakeStripe;

  const counts = async () =>
    (
      await t.db.query(`SELECT (SELECT count(*) FROM branches)::int AS branches, (SELECT count(*) FROM books WHERE kind = 'BRANCH')::int AS books,
          (SELECT count(*) FROM members WHERE kind = 'ORGANIZATION')::int AS organizations, (SELECT count(*) FROM persons)::int AS persons,
          (SELECT count(*) FROM organization_contacts)::int AS contacts, (SELECT count(*) FROM users)::int AS users`)
    )[0];

  beforeAll(async () => {
    // Demo data is seeded only in development (its accounts have published passwords).
    // The development fake Stripe, as `npm start` runs it (it starts empty: the demo's saved cards exist as they are used).
    stripe = await new FakeStripe().start();
    t = await TestApp.start({ env: { NODE_ENV: 'development', ...stripe.env } });
    cli = await cliContext(t);
    first = await runCli(cli, ['seed:demo', '--if-empty']);
  }, 180_000);
  afterAll(async () => {
    try {
      await cli?.close();
      // The demo's history posts dues, donations and settlements: its books must hold as any test's do.
      await checkThenClose(t, ledgerBalances);
    } finally {
      await stripe?.stop();
    }
  }, 120_000);

  it('seeds 17 branches (each with its book), 17 organizations and 7,000 individual members into an empty database', async () => {
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toContain('17 branches, 17 organizational members, 7000 individual members');
    const c = await counts();
    // Six staff accounts and one sign-in account per member (7,000 individuals, 17 organizations, and the renewals' anniversary members).
    const renewing = DEMO_RENEWAL_OFFSETS.length;
    expect(c).toMatchObject({ branches: 17, books: 17, organizations: 17, persons: 7000 + renewing, users: 6 + 7000 + 17 + renewing });
    expect(c.contacts).toBeGreaterThanOrEqual(17);
  });

  it('has the 領収書 of Tokyo members who paid in full, numbered without gaps, queued for the worker to render and e-mail', async () => {
    const rows: { year: number; sequence: number; kind: string; number: string }[] = await t.db.query(
      `SELECT r.year, r.sequence, r.kind, r.number FROM receipts r JOIN branches b ON b.id = r.branch_id WHERE b.code = 'TKY' ORDER BY r.year, r.sequence`,
    );
    expect(rows.length).toBeGreaterThan(10);
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['DUES']));
    for (const year of new Set(rows.map((r) => r.year))) {
      const sequences = rows.filter((r) => r.year === year).map((r) => r.sequence);
      expect(sequences).toEqual(sequences.map((_, i) => i + 1));
    }
    expect(rows[0].number).toMatch(/^R\d{4}-000001$/);
    expect(first.stdout).toContain(`${rows.length} receipts`);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE job_name = 'receipt.render'`))[0].n).toBe(rows.length);
  });

  it('opens every member’s sign-in account: individuals at their own address, organizations at their primary contact’s', async () => {
    const mismatched = await t.db.query(
      `SELECT m.member_number FROM members m
         LEFT JOIN organization_contacts c ON c.member_id = m.id AND c.is_primary
         LEFT JOIN users u ON u.member_id = m.id
        WHERE u.id IS NULL OR u.email <> CASE m.kind WHEN 'PERSON' THEN m.email ELSE c.email END
           OR NOT EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.role = 'MEMBER')`,
    );
    expect(mismatched).toEqual([]);
  });

  it('audits every seeded member and every account, set-based', async () => {
    const events = await t.db.query(`SELECT action, count(*)::int AS n FROM audit_events WHERE action IN ('member.seed', 'user.create') GROUP BY action ORDER BY action`);
    expect(events).toEqual([
      { action: 'member.seed', n: 7017 },
      // Six staff, 7,017 seeded members, and the renewals' anniversary members (registered one by one, as staff would).
      { action: 'user.create', n: 7023 + DEMO_RENEWAL_OFFSETS.length },
    ]);
    const [tokyo] = await t.db.query(
      `SELECT e.branch_id = m.branch_id AS same_branch, e.after FROM audit_events e JOIN members m ON m.id::text = e.entity_id WHERE e.action = 'member.seed' AND m.member_number = 'P0000001'`,
    );
    expect(tokyo.same_branch).toBe(true);
    expect(tokyo.after).toEqual({ memberNumber: 'P0000001', name: expect.any(String), nameKana: expect.any(String), email: expect.any(String), branchId: expect.any(String) });
  });

  it('gives members realistic names with matching katakana, and member numbers in order of joining', async () => {
    const rows = await t.db.query(`SELECT m.member_number, m.joined_on::text, p.family_name, p.family_name_kana FROM members m JOIN persons p ON p.member_id = m.id ORDER BY m.member_number LIMIT 3`);
    expect(rows[0].member_number).toBe('P0000001');
    expect(rows[0].joined_on <= rows[1].joined_on && rows[1].joined_on <= rows[2].joined_on).toBe(true);
    const yamada = await t.db.query(`SELECT DISTINCT family_name_kana FROM persons WHERE family_name = '山田'`);
    expect(yamada).toEqual([{ family_name_kana: 'ヤマダ' }]);
  });

  it('prints one demo account per role, and the printed passwords sign in', async () => {
    for (const a of DEMO_STAFF_ACCOUNTS) expect(first.stdout).toContain(a.email);
    expect(first.stdout).toMatch(/MEMBER \(TKY\)\s+\S+@example\.\S+\s+sign-in link/);
    for (const role of ['FEDERATION_ADMIN', 'BRANCH_ADMIN (TKY)', 'BRANCH_TREASURER (TKY)', 'GRANT_OFFICER', 'GRANT_APPROVER', 'AUDITOR']) expect(first.stdout).toContain(role);
    const admin = DEMO_STAFF_ACCOUNTS[0];
    const res = await t.gql(SIGN_IN, { input: { email: admin.email, password: admin.password! } });
    expect(res.errors).toBeUndefined();
    const token = res.data!.signIn.token;
    const tokyo = await t.gql(SATO_MEMBERS, {}, { token });
    expect(tokyo.data!.members.edges.length).toBe(5);
  });

  it('the branch treasurer demo account sees only Tokyo members', async () => {
    const treasurer = DEMO_STAFF_ACCOUNTS.find((a) => a.role === 'BRANCH_TREASURER')!;
    const res = await t.gql(SIGN_IN, { input: { email: treasurer.email, password: treasurer.password! } });
    const list = await t.gql(MEMBER_BRANCHES, {}, { token: res.data!.signIn.token });
    expect(new Set(list.data!.members.edges.map((e) => e.node.branch.code))).toEqual(new Set(['TKY']));
  });

  it('seeds the money of a living federation: plans, a membership each, this year’s invoices, a year of payments, grace, settlements, closed months', async () => {
    expect(first.stdout).toMatch(/5 dues plans, 7017 memberships, \d+ invoices of fiscal year \d{4}, \d+ payments, \d+ settlements, \d+ closed months/);
    const count = async (sql: string) => (await t.db.query(sql)) as { k: string; n: number }[];
    const memberships = Object.fromEntries((await count(`SELECT status AS k, count(*)::int AS n FROM memberships GROUP BY 1`)).map((r) => [r.k, r.n]));
    expect(memberships.ACTIVE + memberships.GRACE + memberships.LAPSED + memberships.CANCELLED).toBe(7017 + DEMO_RENEWAL_OFFSETS.length);
    expect(memberships.ACTIVE).toBeGreaterThan(memberships.GRACE);
    expect(memberships.GRACE).toBeGreaterThan(0);
    expect(memberships.LAPSED).toBeGreaterThan(0);
    const invoices = Object.fromEntries((await count(`SELECT status AS k, count(*)::int AS n FROM dues_invoices GROUP BY 1`)).map((r) => [r.k, r.n]));
    expect(invoices.PAID).toBeGreaterThan((invoices.OPEN + invoices.PARTIALLY_PAID) * 3);
    expect(invoices.PARTIALLY_PAID).toBeGreaterThan(0);
    expect(invoices.OPEN).toBeGreaterThan(0);
    // Every invoice's paid amount is what its live allocations say; every payment is posted.
    const [drift] = await t.db.query(
      `SELECT count(*)::int AS n FROM dues_invoices i
         LEFT JOIN (SELECT invoice_id, sum(amount) AS s FROM payment_allocations WHERE released_at IS NULL GROUP BY 1) a ON a.invoice_id = i.id
        WHERE i.paid_amount <> COALESCE(a.s, 0)`,
    );
    expect(drift.n).toBe(0);
    const [unposted] = await t.db.query(`SELECT count(*)::int AS n FROM payments WHERE journal_entry_id IS NULL`);
    expect(unposted.n).toBe(0);
    const methods = (await count(`SELECT method AS k, count(*)::int AS n FROM payments GROUP BY 1 ORDER BY 1`)).map((r) => r.k);
    // BANK_STATEMENT: lines of the Tokyo branch's demo bank statement that matched confidently were confirmed on import.
    expect(methods).toEqual(['BANK_STATEMENT', 'BANK_TRANSFER', 'CASH']);
    const [statement] = await t.db.query(`SELECT count(*)::int AS lines FROM reconciliation_lines`);
    expect(statement.lines).toBeGreaterThan(0);
    // The foundation's statement: the bank's debit of the demo grant batch, linked to it on import (paid in grants already: nothing posted again).
    const foundation = await t.db.query(
      `SELECT l.reference, l.status, l.grant_batch_id IS NOT NULL AS linked FROM reconciliation_lines l JOIN reconciliation_bank_accounts a ON a.id = l.bank_account_id
        WHERE a.holder = 'FOUNDATION' ORDER BY l.reference`,
    );
    expect(foundation).toEqual([
      { reference: '70000001', status: 'CONFIRMED', linked: true },
      { reference: '70000002', status: 'SUGGESTED', linked: false },
    ]);
    const [settled] = await t.db.query(`SELECT count(DISTINCT branch_id)::int AS branches FROM settlements`);
    expect(settled.branches).toBe(17);
    const [closed] = await t.db.query(`SELECT count(DISTINCT book_id)::int AS books FROM ledger_periods WHERE status = 'CLOSED'`);
    expect(closed.books).toBe(18);
    // The federation on receipt (the default), the Osaka book on accrual: both bases in the reports, the control accounts agreeing.
    const bases = Object.fromEntries((await count(`SELECT recognition AS k, count(DISTINCT branch_id)::int AS n FROM dues_invoices GROUP BY 1`)).map((r) => [r.k, r.n]));
    expect(bases).toEqual({ ACCRUAL: 1, ON_RECEIPT: 16 });
    const verify = await runCli(cli, ['ledger:verify']);
    expect(verify.exitCode).toBe(0);
  });

  it('seeds funds (子ども食堂支援, フードパントリー …), recorded and card donations and a monthly gift, each booked in its fund’s book', async () => {
    expect(first.stdout).toContain('4 funds and 8 donations');
    const funds = await t.db.query(`SELECT code, name_ja, restricted FROM funds ORDER BY code`);
    expect(funds.map((f: { name_ja: string }) => f.name_ja)).toEqual(expect.arrayContaining(['子ども食堂支援', 'フードパントリー', '一般寄附']));
    const byChannel = await t.db.query(`SELECT channel, method, count(*)::int AS n FROM donations WHERE status = 'SUCCEEDED' GROUP BY 1, 2 ORDER BY 1, 2`);
    expect(byChannel).toEqual([
      { channel: 'MONTHLY', method: 'CARD', n: 1 },
      { channel: 'ONLINE', method: 'CARD', n: 3 },
      { channel: 'RECORDED', method: 'BANK_TRANSFER', n: 1 },
      { channel: 'RECORDED', method: 'CASH', n: 2 },
    ]);
    // The fourth card gift is disputed by the donor's bank: held in Stripe disputes (1350) until the dispute closes.
    expect(await t.db.query(`SELECT d.channel, d.status, d.dispute_status, x.status AS dispute, x.amount::int AS held FROM donations d JOIN donation_disputes x ON x.donation_id = d.id`)).toEqual([
      { channel: 'ONLINE', status: 'DISPUTED', dispute_status: 'OPEN', dispute: 'OPEN', held: 2000 },
    ]);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM donations d WHERE journal_entry_id IS NULL`))[0].n).toBe(0);
    expect((await t.db.query(`SELECT status FROM monthly_gifts`)).map((g: { status: string }) => g.status)).toEqual(['ACTIVE']);
  });

  it('has Tokyo anniversary members renewing around today: each invoiced, the reminders due e-mailed once, some in grace, some lapsed', async () => {
    const rows: { status: string; invoices: number; reminders: number; emails: number }[] = await t.db.query(
      `SELECT ms.status, (SELECT count(*)::int FROM dues_invoices i WHERE i.membership_id = ms.id) AS invoices,
              (SELECT count(*)::int FROM renewal_reminders r WHERE r.membership_id = ms.id) AS reminders,
              (SELECT count(*)::int FROM renewal_reminders r WHERE r.membership_id = ms.id AND r.email_id IS NOT NULL) AS emails
         FROM memberships ms JOIN members m ON m.id = ms.member_id WHERE m.email LIKE 'renewal-%@example.jp'`,
    );
    expect(rows).toHaveLength(DEMO_RENEWAL_OFFSETS.length);
    expect(rows.every((r) => r.invoices === 1)).toBe(true);
    const by = (status: string) => rows.filter((r) => r.status === status);
    expect(by('GRACE').length).toBe(DEMO_RENEWAL_OFFSETS.filter((d) => d < 0 && d >= -30).length);
    expect(by('LAPSED').length).toBe(DEMO_RENEWAL_OFFSETS.filter((d) => d < -30).length);
    // Everyone still current got today's reminder (30 or 7 days before, the day, or before grace ends); the lapsed none.
    expect(rows.filter((r) => r.status !== 'LAPSED').every((r) => r.reminders === 1 && r.emails === 1)).toBe(true);
    expect(by('LAPSED').every((r) => r.reminders === 0)).toBe(true);
    const [queued] = await t.db.query(`SELECT count(*)::int AS n FROM email_messages WHERE template = 'renewal-reminder' AND to_address LIKE 'renewal-%@example.jp'`);
    expect(queued.n).toBe(rows.length - by('LAPSED').length);
  });

  it('gives the member account and 24 Tokyo members with an open invoice auto-renew and a saved (fake) card; the auto-renew run charges them on the due date', async () => {
    const email = /MEMBER \(TKY\)\s+(\S+@\S+)/.exec(first.stdout)![1];
    const [member] = await t.db.query(`SELECT m.id FROM members m WHERE m.email = $1`, [email]);
    const autoRenew = await t.db.query(`SELECT ms.member_id, c.brand, c.last4, s.customer_id FROM memberships ms
      JOIN stripe_saved_cards c ON c.member_id = ms.member_id JOIN stripe_customers s ON s.member_id = ms.member_id WHERE ms.auto_renew`);
    expect(autoRenew).toHaveLength(25);
    expect(autoRenew.map((r: { member_id: string }) => r.member_id)).toContain(member.id);
    expect(autoRenew.every((r: { brand: string; last4: string; customer_id: string }) => r.brand === 'visa' && r.last4 === '4242' && r.customer_id.startsWith('cus_demo_'))).toBe(true);
    const signedIn = await t.signIn(Role.MEMBER, { memberId: member.id });
    expect((await t.gql(MY_SAVED_CARD, {}, { token: signedIn.token })).data?.mySavedCard).toEqual({ brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 });

    const [{ due_on, open }] = await t.db.query(`SELECT to_char(min(i.due_on), 'YYYY-MM-DD') AS due_on, count(*)::int AS open FROM dues_invoices i
      JOIN memberships ms ON ms.id = i.membership_id WHERE ms.auto_renew AND i.status IN ('OPEN', 'PARTIALLY_PAID')`);
    expect(open).toBeGreaterThanOrEqual(24);
    const run = await runCli(cli, ['dues:auto-renew', '--on', due_on]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`auto-renew ${due_on}: \\d+ invoices / 件 — succeeded 成功 [1-9]\\d*`));
    const [paid] = await t.db.query(`SELECT count(*)::int AS n FROM auto_renew_charges WHERE status = 'SUCCEEDED' AND payment_id IS NOT NULL`);
    expect(paid.n).toBeGreaterThan(0);
    expect((await runCli(cli, ['ledger:verify'])).exitCode).toBe(0);
  });

  it('is skipped when the database is not empty, changing nothing, and lists the demo accounts', async () => {
    const before = await counts();
    const again = await runCli(cli, ['seed:demo', '--if-empty']);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('Demo data skipped');
    // The accounts are listed again (a restart's summary shows them).
    for (const a of DEMO_STAFF_ACCOUNTS) expect(again.stdout).toContain(a.email);
    expect(again.stdout).toMatch(/MEMBER \(TKY\)\s+\S+@example\.\S+\s+sign-in link/);
    expect(await counts()).toEqual(before);
  });

  it('refuses to seed a non-empty database without --if-empty', async () => {
    const run = await runCli(cli, ['seed:demo']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('The database is not empty');
  });
});

describe('seed:demo outside development', () => {
  let t: TestApp;
  let cli: INestApplicationContext;
  beforeAll(async () => {
    t = await TestApp.start({ env: { NODE_ENV: 'test' } });
    cli = await cliContext(t);
  });
  afterAll(async () => {
    await cli?.close();
    await t.close();
  });
  const counts = async () =>
    (await t.db.query(`SELECT (SELECT count(*) FROM branches)::int AS branches, (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM dues_plans)::int AS plans`))[0];

  it('seeds nothing into an empty database and says why (as npm start does), or refuses without --if-empty', async () => {
    const skipped = await runCli(cli, ['seed:demo', '--if-empty']);
    expect(skipped.exitCode).toBe(0);
    expect(skipped.stdout).toContain('Demo data not seeded: its accounts have published passwords, so it is seeded only with NODE_ENV=development.');
    expect(skipped.stdout).not.toContain('rentai-demo-admin');
    const refused = await runCli(cli, ['seed:demo']);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('Demo data (with accounts whose passwords are published) is seeded only with NODE_ENV=development (NODE_ENV is test)');
    expect(await counts()).toEqual({ branches: 0, users: 0, plans: 0 });
  });
});
