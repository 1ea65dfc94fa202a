import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { toBusinessDate } from '#core';
import { fiscalYearOf, fiscalYearPeriod } from '#dues';
import { DEMO_STAFF_ACCOUNTS } from '#members';
import { serverUrl } from '../libs/testing/src/test-database.js';
import { gql, type ResultOf, type TypedDocument } from './support/gql.js';

/**
 * The README's tour ("A first hour with the demo"), step by step, against a platform started the
 * way `npm start` starts it: scripts/start.ts (from source) creates and migrates a database of its
 * own, seeds the demo federation, starts the mail catcher, the gateway and the worker as
 * processes; the tour then goes through HTTP only (GraphQL, and the inbox's JSON for the e-mail).
 */
const ROOT = join(import.meta.dirname, '..');
const STARTUP_MS = 240_000;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const SIGN_IN = gql(`mutation TourSignIn($input: SignInInput!) { signIn(input: $input) { token } }`);
const ARREARS = gql(`query TourArrears { duesArrears(first: 5) { edges { node { daysOverdue memberNumber memberName outstanding { amount currency } invoice { id number memberId branchId status } } } } }`);
const TRIAL_BALANCE = gql(`query TourTrialBalance($bookId: ID!) { trialBalance(bookId: $bookId) { lines { code balance { amount } } totalDebit { amount } totalCredit { amount } } }`);
const BOOKS = gql(`query TourBooks { books(first: 50) { edges { node { id kind branchId } } } }`);
const RECORD_PAYMENT = gql(`mutation TourRecordPayment($input: RecordPaymentInput!) { recordPayment(input: $input) { id status amount { amount } postedOn journalEntryId allocations { invoiceId amount { amount } } } }`);
const JOURNAL_ENTRY = gql(`query TourJournalEntry($id: ID!) { journalEntry(id: $id) { bookId seq chainWith hash lines { accountCode side amount { amount } counterpartyBookId } } }`);
const SETTLEMENT = gql(`query TourSettlementStatement($branchId: ID!, $from: String!, $to: String!) { settlementStatement(branchId: $branchId, from: $from, to: $to) { settled { amount } closing { owedToFederation { amount } } lines { kind date description } federationView { agrees } } }`);
const REQUEST_LINK = gql(`mutation TourRequestSignInLink($input: RequestSignInLinkInput!) { requestSignInLink(input: $input) }`);
const SIGN_IN_WITH_LINK = gql(`mutation TourSignInWithLink($input: SignInWithLinkInput!) { signInWithLink(input: $input) { token user { email } } }`);
const MY_INVOICES = gql(`query TourMyInvoices { myMember { memberNumber } memberships(first: 5) { edges { node { status memberId invoices { number status amount { amount } } } } } }`);
const AUDIT_TRAIL = gql(`query TourAuditTrail { auditEvents(first: 10) { edges { node { action actorEmail entityType occurredAt } } } }`);
const GRANT_PROGRAMS = gql(`query TourGrantPrograms { grantPrograms(first: 5) { edges { node { id code budget { committed { amount } disbursed { amount } remaining { amount } } } } } }`);
const GRANT_REPORT = gql(`query TourGrantProgramReport($id: ID!) { grantProgramReport(programId: $id) { byStatus { status count } } }`);
const BANK_ACCOUNTS = gql(`query TourBankAccounts { bankAccounts { id holder } }`);
const STATEMENT_LINES = gql(`query TourStatementLines($id: ID!) { statementLines(bankAccountId: $id) { status grantBatchId suggestions { kind } } }`);

const password = (role: string) => DEMO_STAFF_ACCOUNTS.find((a) => a.role === role)!;

describe('the README tour on a fresh start', () => {
  const database = `rentai_tour_${randomBytes(4).toString('hex')}`;
  let child: ChildProcess;
  let output = '';
  let graphql: string;
  let inbox: string;
  const admin = new pg.Client({ connectionString: serverUrl('postgres') });

  const request = async <Result, Variables>(doc: TypedDocument<Result, Variables>, variables: Variables, token?: string): Promise<Result> => {
    const res = await fetch(graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en', ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify({ query: doc.text, variables }),
    });
    const body = (await res.json()) as { data?: Result; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return body.data!;
  };
  const signIn = async (email: string, pw: string) =>
    (await request(SIGN_IN, { input: { email, password: pw } })).signIn.token;

  beforeAll(async () => {
    const [port, workerPort, smtpPort, inboxPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    child = spawn(process.execPath, ['--conditions=source', '--import', './test/support/ts-loader.mjs', 'scripts/start.ts'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'development',
        DATABASE_URL: serverUrl(database),
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        QUEUE_PREFIX: `test-${database}`,
        PORT: String(port),
        WORKER_HEALTH_PORT: String(workerPort),
        PUBLIC_URL: `http://localhost:${port}`,
        MAIL_CATCHER_SMTP_PORT: String(smtpPort),
        MAIL_CATCHER_PORT: String(inboxPort),
        // Its database is the tour's own (not a test database copied from the template), set as those are
        // (libs/testing/src/test-database.ts): commits that do not wait for the disk, through libpq's PGOPTIONS.
        PGOPTIONS: '-c synchronous_commit=off',
      },
    });
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not started within ${STARTUP_MS / 1000}s:\n${output}`)), STARTUP_MS);
      const check = setInterval(() => {
        if (output.includes('Rentai is running')) {
          clearInterval(check);
          clearTimeout(timer);
          resolve();
        }
      }, 200);
      child.once('exit', (code) => {
        clearInterval(check);
        clearTimeout(timer);
        reject(new Error(`npm start exited (${code}):\n${output}`));
      });
    });
    child.removeAllListeners('exit');
    graphql = /GraphQL\s+(\S+)/.exec(output.slice(output.indexOf('Rentai is running')))![1].replace('localhost', '127.0.0.1');
    inbox = /mail inbox\s+(\S+)/.exec(output)![1].replace('localhost', '127.0.0.1');
  }, STARTUP_MS + 10_000);

  afterAll(async () => {
    if (child?.pid && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGINT'); // Ctrl-C reaches the whole process group
      await exited;
    }
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }, 30_000);

  it('prints the inbox, how to stop, where the logs are and how to reset the demo', () => {
    expect(output).toMatch(/Demo data seeded in [\d.]+s: 17 branches/);
    expect(output).toMatch(/mail inbox\s+http:\/\/\S+:\d+/);
    expect(output).toContain('Ctrl-C');
    expect(output).toContain('logs/gateway.log');
    expect(output).toContain('npm start -- --reset');
  });

  let treasurer: string;
  let arrear: ResultOf<typeof ARREARS>['duesArrears']['edges'][number]['node'];

  it('1. the Tokyo treasurer signs in and sees the branch’s arrears', async () => {
    const t = password('BRANCH_TREASURER');
    treasurer = await signIn(t.email, t.password!);
    const data = await request(ARREARS, {}, treasurer);
    const rows = data.duesArrears.edges.map((e) => e.node);
    expect(rows.length).toBe(5);
    for (const r of rows) {
      expect(r.invoice.number).toMatch(/^TKY-\d{4}-\d{6}$/);
      expect(r.daysOverdue).toBeGreaterThan(0);
      expect(['OPEN', 'PARTIALLY_PAID']).toContain(r.invoice.status);
    }
    arrear = rows[0];
  });

  let bankBefore: bigint;
  let tokyoBook: string;
  const bank = async () => {
    const tb = await request(TRIAL_BALANCE, { bookId: tokyoBook }, treasurer);
    expect(tb.trialBalance.totalDebit.amount).toBe(tb.trialBalance.totalCredit.amount);
    return BigInt(tb.trialBalance.lines.find((l) => l.code === '1200')?.balance.amount ?? 0);
  };

  it('2. records a bank transfer for it, and sees it in the trial balance and the settlement statement', async () => {
    const books = await request(BOOKS, {}, treasurer);
    tokyoBook = books.books.edges.map((e) => e.node).find((b) => b.kind === 'BRANCH' && b.branchId === arrear.invoice.branchId)!.id;
    bankBefore = await bank();
    const today = toBusinessDate(new Date());
    const paid = await request(
      RECORD_PAYMENT,
      {
        input: {
          memberId: arrear.invoice.memberId,
          method: 'BANK_TRANSFER',
          amount: { amount: arrear.outstanding.amount, currency: 'JPY' },
          receivedOn: today,
          reference: `tour ${arrear.invoice.number}`,
          allocations: [{ invoiceId: arrear.invoice.id }],
        },
      },
      treasurer,
    );
    expect(paid.recordPayment).toMatchObject({ status: 'RECORDED', postedOn: today, allocations: [{ invoiceId: arrear.invoice.id }] });
    expect((await bank()) - bankBefore).toBe(BigInt(arrear.outstanding.amount));
    // Its entry carries the federation's share (2200, naming the federation's book) and is chained with that book.
    const entry = (await request(JOURNAL_ENTRY, { id: paid.recordPayment.journalEntryId! }, treasurer)).journalEntry;
    const share = entry.lines.find((l) => l.accountCode === '2200')!;
    expect(share).toMatchObject({ side: 'CREDIT', counterpartyBookId: expect.any(String) });
    expect(entry).toMatchObject({ bookId: tokyoBook, chainWith: share.counterpartyBookId });

    const from = fiscalYearPeriod(fiscalYearOf(today)).start;
    const statement = await request(
      SETTLEMENT,
      { branchId: arrear.invoice.branchId, from, to: today },
      treasurer,
    );
    const s = statement.settlementStatement;
    expect(BigInt(s.settled.amount)).toBeGreaterThan(0n);
    expect(s.lines.length).toBeGreaterThan(0);
    expect(s.federationView!.agrees).toBe(true);
  });

  it('3. a member signs in by the link from the inbox (also printed on the console) and sees their own invoices', async () => {
    const email = /MEMBER \(TKY\)\s+(\S+@\S+)/.exec(output)![1];
    const sent = await request(REQUEST_LINK, { input: { email } });
    expect(sent.requestSignInLink).toBe(true);
    let link: string | undefined;
    // A fresh start's worker is busy with the demo's receipts and reminders; the link goes before them (BullMQ priority,
    // libs/notifications).
    for (let i = 0; i < 100 && !link; i++) {
      const messages = (await (await fetch(`${inbox}/api/messages`)).json()) as { to: string; links: string[] }[];
      // The member's other mail (their receipts) may arrive before or after the link: look through all of it.
      link = messages.filter((m) => m.to === email).flatMap((m) => m.links).find((l) => l.includes('/sign-in?token='));
      if (!link) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(link).toBeDefined();
    // The console prints each e-mail as the mail catcher hands it over: give the pipe a moment on a busy machine.
    for (let i = 0; i < 100 && !output.includes(link!); i++) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(output).toContain(link!);
    const token = new URL(link!).searchParams.get('token')!;
    const session = await request(SIGN_IN_WITH_LINK, { input: { token } });
    expect(session.signInWithLink.user.email).toBe(email);
    const mine = await request(MY_INVOICES, {}, session.signInWithLink.token);
    const memberships = mine.memberships.edges.map((e) => e.node);
    expect(memberships).toHaveLength(1);
    expect(memberships[0].invoices.length).toBeGreaterThan(0);
    expect(memberships[0].invoices[0].number).toMatch(/^TKY-/);
  }, 60_000);

  it('4. the auditor reads the audit trail: the treasurer’s payment is on top', async () => {
    const a = password('AUDITOR');
    const auditor = await signIn(a.email, a.password!);
    const trail = await request(AUDIT_TRAIL, {}, auditor);
    const events = trail.auditEvents.edges.map((e) => e.node);
    expect(events.find((e) => e.action === 'payment.record')).toMatchObject({ actorEmail: password('BRANCH_TREASURER').email, entityType: 'Payment' });
  });

  it('5. the grant approver sees the training-grant program: its budget and an application in every status', async () => {
    const a = password('GRANT_APPROVER');
    const approver = await signIn(a.email, a.password!);
    const programs = await request(GRANT_PROGRAMS, {}, approver);
    const [program] = programs.grantPrograms.edges.map((e) => e.node);
    expect(program.code).toMatch(/^DEMO-CARE-/);
    expect(BigInt(program.budget.disbursed.amount)).toBeGreaterThan(0n);
    const report = await request(GRANT_REPORT, { id: program.id }, approver);
    const statuses = report.grantProgramReport.byStatus.filter((s) => s.count > 0).map((s) => s.status).sort();
    expect(statuses).toEqual(['APPROVED', 'CANCELLED', 'CHANGES_REQUESTED', 'COMPLETED', 'DISBURSED', 'DRAFT', 'REJECTED', 'SUBMITTED', 'UNDER_REVIEW']);
  });

  it("the grant approver reads the foundation's bank statement: the grant batch's 総合振込 debit is matched to it", async () => {
    const a = password('GRANT_APPROVER');
    const approver = await signIn(a.email, a.password!);
    const accounts = (await request(BANK_ACCOUNTS, {}, approver)).bankAccounts;
    expect(accounts.map((x) => x.holder)).toEqual(['FOUNDATION']);
    const lines = (await request(STATEMENT_LINES, { id: accounts[0].id }, approver)).statementLines;
    expect(lines[0]).toMatchObject({ status: 'CONFIRMED', suggestions: [{ kind: 'GRANT_BATCH' }] });
    expect(lines[0].grantBatchId).toBeTruthy();
  });
});
