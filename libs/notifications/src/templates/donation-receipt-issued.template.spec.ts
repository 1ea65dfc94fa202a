import { describe, expect, it } from '@jest/globals';
import { renderEmail } from './index.js';

const links = () => 'unused';
const one = { recipientName: '寄附 花子', receiptNumber: 'D2026-000001', amount: '￥10,000', fund: '災害支援基金', annual: null, replacesNumber: null };

describe('the donation receipt e-mail', () => {
  it('one gift, in Japanese, with text and HTML', () => {
    const mail = renderEmail('donation-receipt-issued', 'ja', one, links);
    expect(mail.subject).toBe('【連帯】寄附金受領証明書の送付 (D2026-000001)');
    expect(mail.text).toContain('寄附 花子 様');
    expect(mail.text).toContain('￥10,000 (災害支援基金)');
    expect(mail.text).toContain('収入印紙は不要');
    expect(mail.html).toContain('<p>寄附 花子 様</p>');
  });

  it('a year’s gifts, in English, replacing an earlier receipt', () => {
    const mail = renderEmail('donation-receipt-issued', 'en', { ...one, receiptNumber: 'A2025-000003', amount: '¥36,000', annual: { year: 2025, gifts: 12 }, replacesNumber: 'A2025-000001' }, links);
    expect(mail.subject).toBe('[Rentai] Your 2025 donation receipt (A2025-000003)');
    expect(mail.text).toContain('your 12 gifts in 2025 (January to December), ¥36,000 in all');
    expect(mail.text).toContain('it replaces A2025-000001, which is now void');
    expect(mail.html).toContain('<html lang="en">');
  });
});
