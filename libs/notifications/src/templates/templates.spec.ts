import { describe, expect, it } from '@jest/globals';
import { DUES_TAX_NOTE_TEXT } from '#core';
import { renderEmail, type EmailLocale } from './index.js';

describe('e-mail templates', () => {
  const params = { displayName: '山田 太郎', signInLink: { path: '/sign-in', purpose: 'sign-in', ref: 'r1' }, expiresInMinutes: 15 };
  const links = (l: { path: string; ref: string }) => `https://rentai.example.jp${l.path}?token=t-${l.ref}`;
  const link = 'https://rentai.example.jp/sign-in?token=t-r1';

  it('renders the member sign-in link in Japanese with the link, the name and the validity', () => {
    const mail = renderEmail('member-sign-in-link', 'ja', params, links);
    expect(mail.subject).toBe('【連帯】会員ポータルへのサインインリンク');
    expect(mail.text).toContain('山田 太郎 様');
    expect(mail.text).toContain('15分以内');
    expect(mail.text).toContain(link);
    expect(mail.text).toContain('全国労働者協同組合連合会');
  });

  it('renders the member sign-in link in English', () => {
    const mail = renderEmail('member-sign-in-link', 'en', params, links);
    expect(mail.subject).toBe('[Rentai] Your sign-in link for the member portal');
    expect(mail.text).toContain('within 15 minutes');
    expect(mail.text).toContain(link);
  });

  it('every e-mail about a dues invoice says dues are outside consumption tax (不課税), in its language', () => {
    const reminder = { recipientName: '山田 太郎', endsOn: '2026-07-09', graceEnd: '2026-08-08', invoiceNumber: 'TKY-2026-000001', amount: '￥6,000', dueOn: '2026-07-09', planNameJa: '個人会員', planNameEn: 'Individual' };
    const charge = { recipientName: '山田 太郎', invoiceNumber: 'TKY-2026-000001', amount: '￥6,000', payUrl: 'https://rentai.example.jp/pay' };
    for (const locale of ['ja', 'en'] as EmailLocale[]) {
      const texts = [
        ...(['DAYS_30', 'DAYS_7', 'DAY_OF', 'GRACE_ENDING'] as const).map((kind) => renderEmail('renewal-reminder', locale, { ...reminder, kind }, links).text),
        renderEmail('auto-renew-declined', locale, { ...charge, attempt: 1, nextAttemptOn: '2026-07-10' }, links).text,
        renderEmail('auto-renew-action-required', locale, charge, links).text,
      ];
      for (const text of texts) expect(text).toContain(DUES_TAX_NOTE_TEXT[locale]);
    }
    expect(DUES_TAX_NOTE_TEXT.ja).toContain('不課税');
  });
});
