/**
 * 会費は対価性のない不課税取引: 消費税法基本通達 5-5-3 asks the association to tell its members so.
 * The one wording of that notice, per language, for everything a member reads about dues: the
 * invoice (`DuesInvoice.taxNote`), the e-mails about an invoice (renewal reminders, auto-renew
 * notices) and later the receipt. It lives in core because notifications (a leaf) renders the
 * e-mails and may import nothing else.
 */
export const DUES_TAX_NOTE_TEXT = {
  ja: '会費は消費税の課税対象外(不課税)です(消費税法基本通達5-5-3)',
  en: 'Membership dues are outside the scope of Japanese consumption tax (not taxable; Basic Circular 5-5-3)',
} as const satisfies Record<'ja' | 'en', string>;

/** Both languages in one line, as the GraphQL field and bilingual documents print it. */
export const DUES_TAX_NOTE = `${DUES_TAX_NOTE_TEXT.ja} / ${DUES_TAX_NOTE_TEXT.en}`;
