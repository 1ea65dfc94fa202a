import type { OneTimeLink } from '#core';

export type EmailLocale = 'ja' | 'en';

/**
 * Turns a one-time link into text: the real URL when the message is sent, a redacted one for
 * the copy that is stored. Templates never receive a secret in their parameters.
 */
export type LinkRenderer = (link: OneTimeLink) => string;

export interface RenderedEmail {
  subject: string;
  text: string;
  /** The HTML part; made from the text (paragraphs, links) unless a template gives its own. */
  html?: string;
}

/** A template renders its parameters in every language: both are required by the type. */
export type EmailTemplate<P> = Record<EmailLocale, (params: P, links: LinkRenderer) => RenderedEmail>;

const SIGNATURE: Record<EmailLocale, string> = {
  ja: ['--', '全国労働者協同組合連合会 (連帯)', 'このメールは送信専用です。ご不明な点は所属の支部までお問い合わせください。'].join('\n'),
  en: ['--', 'National Federation of Worker Cooperatives (Rentai)', 'This address does not receive replies. Please contact your branch with any questions.'].join('\n'),
};

/** Joins paragraphs and appends the federation's signature. */
export function body(locale: EmailLocale, ...paragraphs: string[]): string {
  return [...paragraphs, SIGNATURE[locale]].join('\n\n') + '\n';
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The HTML part of a plain-text message: one <p> per paragraph, line breaks kept, URLs as links. */
export function htmlOf(text: string, locale: EmailLocale): string {
  const paragraphs = text
    .trim()
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`).replace(/\n/g, '<br>')}</p>`);
  return `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"></head><body style="font-family: sans-serif; line-height: 1.6">${paragraphs.join('')}</body></html>`;
}
