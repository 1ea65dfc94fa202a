import { expect } from '@jest/globals';
import { unbalancedJournalEntries } from '#testing';
import { DuesControlAccounts } from '#dues';
import type { TestApp } from './test-app.js';

export type EndOfFileCheck = (t: TestApp) => Promise<void>;

/** Every journal entry of every book balances. */
export const ledgerBalances: EndOfFileCheck = async (t) => {
  expect(await unbalancedJournalEntries(t.db)).toEqual([]);
};

/** The control-account rule: 未収会費 = open ACCRUAL invoices in every branch book; inter-book accounts mirrored. */
export const controlAccounts: EndOfFileCheck = async (t) => {
  const report = await t.app.get(DuesControlAccounts).check();
  expect({ receivables: report.receivables.filter((r) => !r.agrees), interBook: report.interBook }).toEqual({ receivables: [], interBook: [] });
};

/**
 * For `afterAll`: runs the file's closing invariants, then closes the app whatever they
 * answered, so a failing check reports its failure instead of leaking the app, its
 * database and its Redis connections. Every check runs; the first failure is thrown.
 * `afterAll(() => checkThenClose(t, ledgerBalances))`.
 */
export async function checkThenClose(t: TestApp | undefined, ...checks: EndOfFileCheck[]): Promise<void> {
  if (!t) return;
  const failures: unknown[] = [];
  try {
    for (const check of checks) {
      try {
        await check(t);
      } catch (error) {
        failures.push(error);
      }
    }
  } finally {
    await t.close();
  }
  if (failures.length > 0) throw failures[0];
}
