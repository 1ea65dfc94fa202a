import type { Locale } from '../errors/app-error.js';

/** The caller's language from Accept-Language: English when it asks for English first, else Japanese. */
export function localeFrom(acceptLanguage: string | string[] | undefined): Locale {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage[0] : acceptLanguage;
  return header?.trim().toLowerCase().startsWith('en') ? 'en' : 'ja';
}
