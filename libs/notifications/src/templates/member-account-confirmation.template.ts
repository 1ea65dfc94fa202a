import { body, type EmailTemplate } from './email-template.js';

export interface MemberAccountConfirmationParams {
  displayName: string;
  memberNumber: string;
  memberName: string;
  /** Where the user, signed in with their own password, confirms (carries the member id, no secret). */
  link: string;
}

/**
 * 会員情報の紐付けの確認: a member record was registered with the address of an existing user
 * (e.g. staff who is also a member). Nothing is linked until that user, signed in as themselves,
 * confirms; the e-mail itself signs nobody in.
 */
export const memberAccountConfirmation: EmailTemplate<MemberAccountConfirmationParams> = {
  ja: (p) => ({
    subject: '【連帯】会員情報の紐付けの確認',
    text: body(
      'ja',
      `${p.displayName} 様`,
      `このメールアドレスで会員 ${p.memberNumber} (${p.memberName}) が登録されました。ご本人の場合は、ご自身のパスワードでサインインしたうえで、下のリンクから会員情報をアカウントに紐付けてください。`,
      p.link,
      'お心当たりがない場合は、このメールを破棄し、所属の支部にご連絡ください。確認しない限り、何も紐付けられません。',
    ),
  }),
  en: (p) => ({
    subject: '[Rentai] Confirm your member record',
    text: body(
      'en',
      `Dear ${p.displayName},`,
      `Member ${p.memberNumber} (${p.memberName}) was registered with this e-mail address. If this is you, sign in with your own password and confirm at the link below to add the member record to your account.`,
      p.link,
      'If this is not you, ignore this e-mail and tell your branch: nothing is linked unless you confirm.',
    ),
  }),
};
