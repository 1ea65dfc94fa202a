import type { FakeStripe } from '../fakes/stripe-server.js';
import type { TestApp } from './test-app.js';
import { gql } from './gql.js';
import { webhookDeliverer } from './stripe-checks.js';

export const CREATE_FUND = gql(`mutation CreateFund($input: CreateFundInput!) { createFund(input: $input) { id code nameJa nameEn bookId branchId restricted open } }`);
export const START = gql(`mutation StartDonation($input: StartDonationInput!) { startDonation(input: $input) {
  id fundId donorId memberId branchId amount { amount currency } fee { amount } refunded { amount } method channel status disputeStatus anonymous receiptPreference receivedOn checkoutUrl konbiniExpiresAt monthlyGiftId } }`);
export const RECORD = gql(`mutation RecordDonation($input: RecordDonationInput!) { recordDonation(input: $input) {
  id fundId donorId memberId branchId amount { amount currency } fee { amount } refunded { amount } method channel status disputeStatus anonymous receiptPreference receivedOn checkoutUrl konbiniExpiresAt monthlyGiftId } }`);
export const GET = gql(`query Donation($id: ID!) { donation(id: $id) {
  id fundId donorId memberId branchId amount { amount currency } fee { amount } refunded { amount } method channel status disputeStatus anonymous receiptPreference receivedOn checkoutUrl konbiniExpiresAt monthlyGiftId } }`);

export const GUEST = { nameKanji: '佐藤 花子', nameKana: 'サトウ ハナコ', email: 'Hanako.Sato@Example.jp', postalCode: '150-0001', address: '東京都渋谷区神宮前1-2-3' };

/** Stripe clearing across every book (debit-positive): what the books say Stripe holds for us. */
export async function stripeClearingInBooks(t: TestApp): Promise<number> {
  const [row] = await t.db.query(
    `SELECT COALESCE(sum(CASE l.side WHEN 'DEBIT' THEN l.amount ELSE -l.amount END), 0)::int AS n FROM journal_lines l JOIN accounts a ON a.id = l.account_id WHERE a.code = '1300'`,
  );
  return row.n;
}

/** The fake Stripe on the app's clock, its webhook deliveries to the gateway. */
export function wireStripe(stripe: FakeStripe, t: TestApp): void {
  stripe.setClock(() => Math.floor(t.clock!.now().getTime() / 1000));
  stripe.deliverTo(webhookDeliverer(() => t));
}

/** Debits minus credits on an account of a book, optionally of one fund. */
export async function accountBalance(t: TestApp, bookId: string, code: string, fundCode?: string): Promise<number> {
  const [row] = await t.db.query(
    `SELECT COALESCE(sum(CASE l.side WHEN 'DEBIT' THEN l.amount ELSE -l.amount END), 0)::int AS n
       FROM journal_lines l JOIN accounts a ON a.id = l.account_id WHERE l.book_id = $1 AND a.code = $2 AND ($3::text IS NULL OR l.fund_code = $3)`,
    [bookId, code, fundCode ?? null],
  );
  return row.n;
}
