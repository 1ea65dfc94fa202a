import { describe, expect, it } from '@jest/globals';
import { renderEmail } from './index.js';

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
});
