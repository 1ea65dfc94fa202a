import { htmlOf, type EmailLocale, type EmailTemplate, type LinkRenderer, type RenderedEmail } from './email-template.js';
import { memberAccountConfirmation, type MemberAccountConfirmationParams } from './member-account-confirmation.template.js';
import { memberSignInLink, type MemberSignInLinkParams } from './member-sign-in-link.template.js';
import { grantDecision, type GrantDecisionParams } from './grant-decision.template.js';
import { receiptIssued, type ReceiptIssuedParams } from './receipt-issued.template.js';
import {
  donationFailureSpike, monthlyGiftDeclined, monthlyGiftRequiresAction,
  type DonationFailureSpikeParams, type MonthlyGiftActionParams, type MonthlyGiftDeclinedParams,
} from './donation-notices.template.js';
import { renewalReminder, type RenewalReminderParams } from './renewal-reminder.template.js';
import { autoRenewActionRequired, autoRenewDeclined, type AutoRenewActionRequiredParams, type AutoRenewDeclinedParams } from './auto-renew-charge.template.js';
import { donationReceiptIssued, type DonationReceiptIssuedParams } from './donation-receipt-issued.template.js';

/**
 * Every e-mail template and its parameters. A later issue adds a template file
 * (e.g. `receipt-issued.template.ts`) and one line in each of these two places and in URGENCY below.
 */
export interface EmailTemplateParams {
  'member-sign-in-link': MemberSignInLinkParams;
  'member-account-confirmation': MemberAccountConfirmationParams;
  'grant-decision': GrantDecisionParams;
  'receipt-issued': ReceiptIssuedParams;
  'monthly-gift-declined': MonthlyGiftDeclinedParams;
  'monthly-gift-requires-action': MonthlyGiftActionParams;
  'donation-failure-spike': DonationFailureSpikeParams;
  'renewal-reminder': RenewalReminderParams;
  'auto-renew-declined': AutoRenewDeclinedParams;
  'auto-renew-action-required': AutoRenewActionRequiredParams;
  'donation-receipt-issued': DonationReceiptIssuedParams;
}

export type EmailTemplateName = keyof EmailTemplateParams;

const TEMPLATES: { [K in EmailTemplateName]: EmailTemplate<EmailTemplateParams[K]> } = {
  'member-sign-in-link': memberSignInLink,
  'member-account-confirmation': memberAccountConfirmation,
  'grant-decision': grantDecision,
  'receipt-issued': receiptIssued,
  'monthly-gift-declined': monthlyGiftDeclined,
  'monthly-gift-requires-action': monthlyGiftRequiresAction,
  'donation-failure-spike': donationFailureSpike,
  'renewal-reminder': renewalReminder,
  'auto-renew-declined': autoRenewDeclined,
  'auto-renew-action-required': autoRenewActionRequired,
  'donation-receipt-issued': donationReceiptIssued,
};

/**
 * Whether someone is waiting for the e-mail now (a sign-in link, an account confirmation: they
 * wait for it at the screen) or it is bulk (receipts, reminders, notices: thousands at once after
 * a run). Every template says which; the compiler keeps the list complete.
 */
export type EmailUrgency = 'waited-for' | 'bulk';

const URGENCY: { [K in EmailTemplateName]: EmailUrgency } = {
  'member-sign-in-link': 'waited-for',
  'member-account-confirmation': 'waited-for',
  'grant-decision': 'bulk',
  'receipt-issued': 'bulk',
  'monthly-gift-declined': 'bulk',
  'monthly-gift-requires-action': 'bulk',
  'donation-failure-spike': 'bulk',
  'renewal-reminder': 'bulk',
  'auto-renew-declined': 'bulk',
  'auto-renew-action-required': 'bulk',
  'donation-receipt-issued': 'bulk',
};

/** BullMQ's priority for bulk e-mail: an unprioritized job (0, an e-mail someone waits for) goes before every one of them. */
export const BULK_EMAIL_PRIORITY = 10;

/** The `email.send` job's BullMQ priority: 0 (first) for an e-mail someone waits for, BULK_EMAIL_PRIORITY otherwise. */
export function emailJobPriority(template: EmailTemplateName): number {
  return URGENCY[template] === 'waited-for' ? 0 : BULK_EMAIL_PRIORITY;
}

/** Renders a message; `links` makes its one-time links (real at send time, redacted for the stored copy). */
export function renderEmail<K extends EmailTemplateName>(template: K, locale: EmailLocale, params: EmailTemplateParams[K], links: LinkRenderer): RenderedEmail {
  const rendered = renderStoredText(template, locale, params, links);
  return { ...rendered, html: rendered.html ?? htmlOf(rendered.text, locale) };
}

/**
 * The subject and text a queued message stores (its HTML part is made only when it is sent): for
 * the outbox, where making the HTML of every message of a bulk run was most of what it allocated.
 */
export function renderStoredText<K extends EmailTemplateName>(template: K, locale: EmailLocale, params: EmailTemplateParams[K], links: LinkRenderer): RenderedEmail {
  return TEMPLATES[template][locale](params, links);
}

export type { EmailLocale, EmailTemplate, LinkRenderer, RenderedEmail } from './email-template.js';
export type { MemberSignInLinkParams } from './member-sign-in-link.template.js';
export type { MemberAccountConfirmationParams } from './member-account-confirmation.template.js';
export type { GrantDecisionParams } from './grant-decision.template.js';
export type { ReceiptIssuedParams } from './receipt-issued.template.js';
export type { DonationFailureSpikeParams, MonthlyGiftActionParams, MonthlyGiftDeclinedParams } from './donation-notices.template.js';
export type { RenewalReminderParams, RenewalReminderKind } from './renewal-reminder.template.js';
export type { AutoRenewActionRequiredParams, AutoRenewDeclinedParams } from './auto-renew-charge.template.js';
export type { DonationReceiptIssuedParams } from './donation-receipt-issued.template.js';
