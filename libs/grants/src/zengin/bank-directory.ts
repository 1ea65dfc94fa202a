import { createRequire } from 'node:module';

interface ZenginBranch {
  code: string;
  name: string;
  kana: string;
}
interface ZenginBank extends ZenginBranch {
  branches: Record<string, ZenginBranch>;
}

let banks: Record<string, ZenginBank> | undefined;

/** The zengin-code bank list (5 MB), loaded on first use rather than at every boot. */
function directory(): Record<string, ZenginBank> {
  banks ??= createRequire(import.meta.url)('zengin-code') as Record<string, ZenginBank>;
  return banks;
}

export interface BankBranch {
  bankCode: string;
  /** Full-width katakana as zengin-code lists it, e.g. ミズホ. */
  bankKana: string;
  bankName: string;
  branchCode: string;
  branchKana: string;
  branchName: string;
}

export type BankLookup = { ok: true; value: BankBranch } | { ok: false; problem: 'UNKNOWN_BANK' | 'UNKNOWN_BRANCH' };

/** A bank and branch by their codes (4 and 3 digits), from the monthly-refreshed zengin-code package. */
export function lookUpBranch(bankCode: string, branchCode: string): BankLookup {
  const bank = directory()[bankCode];
  if (!bank) return { ok: false, problem: 'UNKNOWN_BANK' };
  const branch = bank.branches[branchCode];
  if (!branch) return { ok: false, problem: 'UNKNOWN_BRANCH' };
  return {
    ok: true,
    value: { bankCode, bankKana: bank.kana, bankName: bank.name, branchCode, branchKana: branch.kana, branchName: branch.name },
  };
}
