import type { OneTimeLink } from '#core';
import { body, type EmailTemplate } from './email-template.js';

export interface MemberSignInLinkParams {
  displayName: string;
  /** Rendered at send time; the stored copy of the message has it redacted. */
  signInLink: OneTimeLink;
  expiresInMinutes: number;
}

/** 会員ポータルへのサインインリンク: the one-time link a member signs in with. */
export const memberSignInLink: EmailTemplate<MemberSignInLinkParams> = {
  ja: (p, links) => ({
    subject: '【連帯】会員ポータルへのサインインリンク',
    text: body(
      'ja',
      `${p.displayName} 様`,
      `会員ポータルへのサインインのご依頼を受け付けました。下のリンクから${p.expiresInMinutes}分以内にサインインしてください。リンクは一度だけ使えます。`,
      links(p.signInLink),
      'お心当たりがない場合は、このメールを破棄してください。サインインは行われません。',
    ),
  }),
  en: (p, links) => ({
    subject: '[Rentai] Your sign-in link for the member portal',
    text: body(
      'en',
      `Dear ${p.displayName},`,
      `We received a request to sign in to the member portal. Use the link below within ${p.expiresInMinutes} minutes. It works only once.`,
      links(p.signInLink),
      'If you did not ask for this, ignore this e-mail: nobody will be signed in.',
    ),
  }),
};
