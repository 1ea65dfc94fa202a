import { describe, expect, it } from '@jest/globals';
import { lookUpBranch } from './bank-directory.js';

describe('bank directory (zengin-code)', () => {
  it('finds a bank and branch by code with their kana names', () => {
    expect(lookUpBranch('0001', '001')).toEqual({
      ok: true,
      value: { bankCode: '0001', bankKana: 'ミズホ', bankName: 'みずほ', branchCode: '001', branchKana: 'トウキヨウ', branchName: '東京営業部' },
    });
  });

  it('tells an unknown bank from an unknown branch', () => {
    expect(lookUpBranch('0002', '001')).toEqual({ ok: false, problem: 'UNKNOWN_BANK' });
    expect(lookUpBranch('0001', '999')).toEqual({ ok: false, problem: 'UNKNOWN_BRANCH' });
  });
});
