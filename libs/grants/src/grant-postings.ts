import { AccountCode, type JournalPosting } from '#ledger';

/** The ledger fund code of a program's lines: balances per program come from it. */
export const programFund = (programCode: string) => `GRANT:${programCode}`;

interface PostingBase {
  bookId: string;
  programCode: string;
  currency: string;
  entryDate: string;
  amount: bigint;
}

const entry = (
  base: PostingBase,
  sourceId: string,
  idempotencyKey: string,
  memo: string,
  debit: string,
  credit: string,
): JournalPosting => ({
  bookId: base.bookId,
  entryDate: base.entryDate,
  source: 'GRANT',
  sourceId,
  idempotencyKey,
  memo,
  currency: base.currency,
  lines: [
    { accountCode: debit, side: 'DEBIT', amount: base.amount, fundCode: programFund(base.programCode) },
    { accountCode: credit, side: 'CREDIT', amount: base.amount, fundCode: programFund(base.programCode) },
  ],
});

/** 助成決定: Dr grant expense / Cr grants payable, in the foundation's book. */
export function approvalPosting(base: PostingBase & { applicationId: string; applicationCode: string }): JournalPosting {
  return entry(base, base.applicationId, `grant-approval:${base.applicationId}`, `助成決定 ${base.applicationCode} / grant approved`, AccountCode.GrantExpense, AccountCode.GrantsPayable);
}

/** 助成決定額の減額 (cancelled, completed for less, smaller final payment): the approval's opposite for what is released. */
export function releasePosting(base: PostingBase & { applicationId: string; applicationCode: string; awardAfter: bigint }): JournalPosting {
  // An award only shrinks: the award it shrinks to names the release.
  return entry(base, base.applicationId, `grant-release:${base.applicationId}:${base.awardAfter}`, `助成決定額の戻入 ${base.applicationCode} / grant released`, AccountCode.GrantsPayable, AccountCode.GrantExpense);
}

/** 助成金の支払: Dr grants payable / Cr bank. */
export function paymentPosting(base: PostingBase & { disbursementId: string; applicationCode: string }): JournalPosting {
  return entry(base, base.disbursementId, `grant-payment:${base.disbursementId}`, `助成金支払 ${base.applicationCode} / grant paid`, AccountCode.GrantsPayable, AccountCode.Bank);
}

/** 組戻し: a paid transfer the bank returned — Dr bank / Cr grants payable. */
export function returnPosting(base: PostingBase & { disbursementId: string; applicationCode: string }): JournalPosting {
  return entry(base, base.disbursementId, `grant-return:${base.disbursementId}`, `助成金振込の返却 ${base.applicationCode} / grant transfer returned`, AccountCode.Bank, AccountCode.GrantsPayable);
}
