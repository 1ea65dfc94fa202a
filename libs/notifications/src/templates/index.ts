import type { EmailLocale, EmailTemplate, RenderedEmail } from './email-template.js';
import { memberAccountConfirmation, type MemberAccountConfirmationParams } from './member-account-confirmation.template.js';
import { memberSignInLink, type MemberSignInLinkParams } from './member-sign-in-link.template.js';

/**
 * Every e-mail template and its parameters. A later issue adds a template file
 * (e.g. `receipt-issued.template.ts`) and one line in each of these two places.
 */
export interface EmailTemplateParams {
  'member-sign-in-link': MemberSignInLinkParams;
  'member-account-confirmation': MemberAccountConfirmationParams;
}

export type EmailTemplateName = keyof EmailTemplateParams;

const TEMPLATES: { [K in EmailTemplateName]: EmailTemplate<EmailTemplateParams[K]> } = {
  'member-sign-in-link': memberSignInLink,
  'member-account-confirmation': memberAccountConfirmation,
};

export function renderEmail<K extends EmailTemplateName>(template: K, locale: EmailLocale, params: EmailTemplateParams[K]): RenderedEmail {
  return TEMPLATES[template][locale](params);
}

export type { EmailLocale, EmailTemplate, RenderedEmail } from './email-template.js';
export type { MemberSignInLinkParams } from './member-sign-in-link.template.js';
export type { MemberAccountConfirmationParams } from './member-account-confirmation.template.js';
