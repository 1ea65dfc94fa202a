import type { EmailLocale, EmailTemplate, RenderedEmail } from './email-template.js';
import { memberSignInLink, type MemberSignInLinkParams } from './member-sign-in-link.template.js';

/**
 * Every e-mail template and its parameters. A later issue adds a template file
 * (e.g. `receipt-issued.template.ts`) and one line in each of these two places.
 */
export interface EmailTemplateParams {
  'member-sign-in-link': MemberSignInLinkParams;
}

export type EmailTemplateName = keyof EmailTemplateParams;

const TEMPLATES: { [K in EmailTemplateName]: EmailTemplate<EmailTemplateParams[K]> } = {
  'member-sign-in-link': memberSignInLink,
};

export function renderEmail<K extends EmailTemplateName>(template: K, locale: EmailLocale, params: EmailTemplateParams[K]): RenderedEmail {
  return TEMPLATES[template][locale](params);
}

export type { EmailLocale, EmailTemplate, RenderedEmail } from './email-template.js';
export type { MemberSignInLinkParams } from './member-sign-in-link.template.js';
