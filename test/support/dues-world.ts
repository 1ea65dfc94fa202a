import { Role } from '#auth';
import { createBranch, createOrganization, createPerson } from '#testing';
import { gql } from './gql.js';
import type { CreateDuesPlanInput } from './schema-types.js';
import type { TestApp } from './test-app.js';

/** GraphQL documents of the dues API used by several e2e files. */
export const DUES = {
  createPlan: gql(`mutation CreateDuesPlan($input: CreateDuesPlanInput!) { createDuesPlan(input: $input) { id code } }`),
  updatePlan: gql(`mutation UpdateDuesPlan($input: UpdateDuesPlanInput!) { updateDuesPlan(input: $input) { id amount { amount } } }`),
  join: gql(`mutation JoinMembership($input: JoinMembershipInput!) { joinMembership(input: $input) {
    membership { id status memberId branchId planId periodStart periodEnd }
    invoice { id number fiscalYear sequence amount { amount currency } federationShare { amount } branchShare { amount }
              periodStart periodEnd issuedOn dueOn status proratedMonths } } }`),
  membership: gql(`query Membership($id: ID!) { membership(id: $id) { id status planId nextPlanId periodStart periodEnd paidThrough cancelledOn
    history { fromStatus toStatus event effectiveOn invoiceId } invoices { id number status amount { amount } periodStart } } }`),
  voidInvoice: gql(`mutation VoidDuesInvoice($input: VoidDuesInvoiceInput!) { voidDuesInvoice(input: $input) { id number status voidReason outstanding { amount } } }`),
  issue: gql(`mutation IssueFiscalYearInvoices($fiscalYear: Int!, $branchId: ID) { issueFiscalYearInvoices(fiscalYear: $fiscalYear, branchId: $branchId) {
    fiscalYear issued branches { branchCode issued firstSequence lastSequence } } }`),
  changePlan: gql(`mutation ChangeMembershipPlan($input: ChangeMembershipPlanInput!) { changeMembershipPlan(input: $input) { id planId nextPlanId } }`),
  cancel: gql(`mutation CancelMembership($input: CancelMembershipInput!) { cancelMembership(input: $input) { id status cancelledOn } }`),
};

export const individualPlan = (over: Partial<CreateDuesPlanInput> = {}): CreateDuesPlanInput => ({
  code: 'IND',
  nameJa: '個人会員',
  nameEn: 'Individual',
  memberKind: 'PERSON',
  amount: 12000,
  federationShareKind: 'BASIS_POINTS',
  federationShareValue: 3000,
  ...over,
});

/** The federation book, two branches with their books and users, ready for dues. */
export async function duesWorld(t: TestApp) {
  const tky = await createBranch(t.app, { code: 'TKY', nameJa: '東京支部', nameEn: 'Tokyo' });
  const osk = await createBranch(t.app, { code: 'OSK', nameJa: '大阪支部', nameEn: 'Osaka' });
  const admin = (await t.signIn(Role.FEDERATION_ADMIN)).token;
  const tkyTreasurer = (await t.signIn(Role.BRANCH_TREASURER, { branchIds: [tky.id] })).token;
  const oskTreasurer = (await t.signIn(Role.BRANCH_TREASURER, { branchIds: [osk.id] })).token;
  const auditor = (await t.signIn(Role.AUDITOR)).token;

  const plan = async (input: CreateDuesPlanInput): Promise<string> => {
    const res = await t.gql(DUES.createPlan, { input }, { token: admin });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.createDuesPlan.id;
  };
  const person = async (branchId: string) => (await createPerson(t.app, { branchId })).id;
  const organization = async (branchId: string) => (await createOrganization(t.app, { branchId })).id;
  const join = async (memberId: string, planId: string, token = admin, joinedOn?: string) =>
    t.gql(DUES.join, { input: { memberId, planId, ...(joinedOn && { joinedOn }) } }, { token });
  const joined = async (memberId: string, planId: string, joinedOn?: string) => {
    const res = await join(memberId, planId, admin, joinedOn);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.joinMembership as { membership: { id: string }; invoice: { id: string; number: string; amount: { amount: number } } };
  };
  const count = async (table: string, where = 'true', params: unknown[] = []) =>
    Number((await t.db.query(`SELECT count(*) FROM ${table} WHERE ${where}`, params))[0].count);

  return { tky, osk, admin, tkyTreasurer, oskTreasurer, auditor, plan, person, organization, join, joined, count };
}
