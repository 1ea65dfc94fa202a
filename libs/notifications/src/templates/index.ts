import type { EmailLocale, EmailTemplate, RenderedEmail } from './email-template.js';
import { memberSignInLink, type MemberSignInLinkParams } from './member-sign-in-link.template.js';
import { grantDecision, type GrantDecisionParams } from './grant-decision.template.js';

/**
 * Every e-mail template and its parameters. A later issue adds a template file
 * (e.g. `receipt-issued.template.ts`) and one line in each of these two places.
 */
export interface EmailTemplateParams {
  'member-sign-in-link': MemberSignInLinkParams;
  'grant-decision': GrantDecisionParams;
}

export type EmailTemplateName = keyof EmailTemplateParams;

const TEMPLATES: { [K in EmailTemplateName]: EmailTemplate<EmailTemplateParams[K]> } = {
  'member-sign-in-link': memberSignInLink,
  'grant-decision': grantDecision,
};

export function renderEmail<K extends EmailTemplateName>(template: K, locale: EmailLocale, params: EmailTemplateParams[K]): RenderedEmail {
  return TEMPLATES[template][locale](params);
}

export type { EmailLocale, EmailTemplate, RenderedEmail } from './email-template.js';
export type { MemberSignInLinkParams } from './member-sign-in-link.template.js';
export type { GrantDecisionParams } from './grant-decision.template.js';
