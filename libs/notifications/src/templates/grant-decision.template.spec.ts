import { describe, expect, it } from '@jest/globals';
import { renderEmail } from './index.js';

describe('grant decision e-mail', () => {
  const params = { applicantName: '佐藤 花子', programName: '介護職員初任者研修 受講助成', applicationCode: 'CARE-2026-0001', decision: 'APPROVED' as const, amount: '￥120,000', comment: 'おめでとうございます' };

  it('tells the applicant the decision and amount in Japanese', () => {
    const mail = renderEmail('grant-decision', 'ja', params, () => '');
    expect(mail.subject).toBe('【連帯 財団】助成が決定しました (CARE-2026-0001)');
    expect(mail.text).toContain('佐藤 花子 様');
    expect(mail.text).toContain('決定額: ￥120,000');
    expect(mail.text).toContain('担当者より: おめでとうございます');
  });

  it('and in English, without an amount for a request for changes', () => {
    const mail = renderEmail('grant-decision', 'en', { ...params, decision: 'CHANGES_REQUESTED', amount: null, comment: 'Please attach the quote' }, () => '');
    expect(mail.subject).toBe('[Rentai Foundation] Please revise your application (CARE-2026-0001)');
    expect(mail.text).not.toContain('Amount approved');
    expect(mail.text).toContain('Please attach the quote');
  });
});
