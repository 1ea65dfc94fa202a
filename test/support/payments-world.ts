import { Role } from '#auth';
import { AccountCode, BookService, LedgerQueries } from '#ledger';
import { createBranch, createPerson } from '#testing';
import { gql } from './gql.js';
import type { TestApp } from './test-app.js';

/** Tokyo noon, 15 June 2026: fiscal year 2026 (April–March) is running. */
export const NOW = new Date('2026-06-15T03:00:00Z');
export const TODAY = '2026-06-15';

export const RECORD = gql(`mutation RecordPayment($input: RecordPaymentInput!) { recordPayment(input: $input) {
  id branchId memberId method reference status receivedOn postedOn memo
  amount { amount currency } fee { amount } unallocated { amount }
  allocations { invoiceId amount { amount } source released } } }`);

export const VOID = gql(`mutation VoidPayment($id: ID!, $reason: String!) { voidPayment(id: $id, reason: $reason) {
  id status voidReason unallocated { amount } allocations { invoiceId amount { amount } released } } }`);

const CREATE_PLAN = gql(`mutation CreateDuesPlanId($input: CreateDuesPlanInput!) { createDuesPlan(input: $input) { id } }`);
const SET_RECOGNITION = gql(`mutation PaymentsWorldSetRecognition($policy: DuesRecognitionPolicy!) { setDuesRecognitionPolicy(policy: $policy) { federation } }`);
const SET_BOOK_RECOGNITION = gql(`mutation PaymentsWorldSetBookRecognition($bookId: ID!, $policy: DuesRecognitionPolicy) { setBookDuesRecognitionPolicy(bookId: $bookId, policy: $policy) { federation } }`);
const JOIN = gql(`mutation JoinMembershipIds($input: JoinMembershipInput!) { joinMembership(input: $input) { membership { id } invoice { id amount { amount } } } }`);

/**
 * Branches, members, a dues plan and invoices made through the other libraries' own
 * services and GraphQL, as a treasurer would find them.
 */
export class PaymentsWorld {
  admin!: string;
  planId!: string;

  private constructor(readonly t: TestApp) {}

  static async create(t: TestApp): Promise<PaymentsWorld> {
    const w = new PaymentsWorld(t);
    w.admin = (await t.signIn(Role.FEDERATION_ADMIN)).token;
    const plan = await t.gql(
      CREATE_PLAN,
      { input: { code: `IND-${Math.random().toString(36).slice(2, 8).toUpperCase()}`, nameJa: '個人会員', nameEn: 'Individual', memberKind: 'PERSON', amount: 12000, federationShareKind: 'BASIS_POINTS', federationShareValue: 3000 } },
      { token: w.admin },
    );
    if (plan.errors) throw new Error(JSON.stringify(plan.errors));
    w.planId = plan.data!.createDuesPlan.id;
    return w;
  }

  /** A branch with its book and a treasurer of it. */
  async branch(): Promise<{ id: string; code: string; bookId: string; treasurer: string; treasurerUserId: string }> {
    const branch = await createBranch(this.t.app);
    const book = await this.t.app.get(BookService).bookForBranch(branch.id);
    const treasurer = await this.t.signIn(Role.BRANCH_TREASURER, { branchIds: [branch.id] });
    return { id: branch.id, code: branch.code, bookId: book.id, treasurer: treasurer.token, treasurerUserId: treasurer.userId };
  }

  /** A member of the branch who joined today: a 12,000 yen invoice (3,600 the federation's share). */
  async memberWithInvoice(branchId: string): Promise<{ memberId: string; invoiceId: string; membershipId: string }> {
    const member = await createPerson(this.t.app, { branchId });
    const res = await this.t.gql(
      JOIN,
      { input: { memberId: member.id, planId: this.planId } },
      { token: this.admin },
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return { memberId: member.id, invoiceId: res.data!.joinMembership.invoice.id, membershipId: res.data!.joinMembership.membership.id };
  }

  async invoice(id: string): Promise<{ status: string; paid: number; outstanding: number }> {
    const [row] = await this.t.db.query(`SELECT status, paid_amount::int AS paid, (amount - paid_amount)::int AS outstanding FROM dues_invoices WHERE id = $1`, [id]);
    return row;
  }

  async membershipStatus(id: string): Promise<string> {
    return (await this.t.db.query(`SELECT status FROM memberships WHERE id = $1`, [id]))[0].status;
  }

  /** Debits minus credits of an account of a book (optionally for one counterparty book). */
  balance(bookId: string, accountCode: string, counterpartyBookId?: string): Promise<bigint> {
    return this.t.app.get(LedgerQueries).balance({ bookId, accountCode, counterpartyBookId });
  }

  /**
   * Sets the dues recognition policy as a federation admin would, through GraphQL: the federation's
   * setting, or with `bookId` that branch book's override (null: follow the federation again).
   */
  async recognition(policy: 'ON_RECEIPT' | 'ACCRUAL' | null, bookId?: string): Promise<void> {
    if (!bookId && policy === null) throw new Error('recognition: only a book follows the federation (null); the federation always has a policy');
    const res = bookId
      ? await this.t.gql(SET_BOOK_RECOGNITION, { bookId, policy }, { token: this.admin })
      : await this.t.gql(SET_RECOGNITION, { policy: policy! }, { token: this.admin });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
  }

  async federationBookId(): Promise<string> {
    return (await this.t.app.get(BookService).federationBook()).id;
  }

  async counts(): Promise<{ payments: number; allocations: number; entries: number; audits: number }> {
    const [row] = await this.t.db.query(`SELECT
      (SELECT count(*) FROM payments)::int AS payments,
      (SELECT count(*) FROM payment_allocations)::int AS allocations,
      (SELECT count(*) FROM journal_entries WHERE source IN ('PAYMENT', 'SETTLEMENT'))::int AS entries,
      (SELECT count(*) FROM audit_events WHERE action LIKE 'payment.%' OR action LIKE 'settlement.%')::int AS audits`);
    return row;
  }
}

export { AccountCode };
