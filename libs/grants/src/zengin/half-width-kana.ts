/**
 * Zengin names: full-width or half-width katakana (or hiragana), digits and Latin letters in,
 * the JIS X 0201 subset banks accept out. Small kana are written large (ｼﾔ for シャ), ー as -,
 * ヲ as ｵ (no ｦ), voiced kana as two characters (ｶﾞ), Latin letters upper case.
 */

import { toZenginKana } from '#core';

export { toZenginKana };

/** Characters a 受取人名 / 依頼人名 may hold after conversion. */
const NAME_CHARS = /^[ｱ-ﾝﾞﾟ0-9A-Z ().\-]*$/;
/** Bank and branch names: kana, digits, letters, space and - only. */
const BANK_NAME_CHARS = /^[ｱ-ﾝﾞﾟ0-9A-Z \-]*$/;

export interface KanaProblem {
  kind: 'INVALID_CHARACTERS' | 'TOO_LONG' | 'EMPTY';
  /** The characters refused (INVALID_CHARACTERS). */
  characters?: string[];
  /** Bytes after conversion (TOO_LONG). */
  length?: number;
  max?: number;
}

/**
 * The converted name, or what is wrong with it: characters outside the set, or longer than
 * the field (one byte per character; ﾞ and ﾟ count).
 */
export function zenginName(text: string, max: number, kind: 'NAME' | 'BANK' = 'NAME'): { ok: true; value: string } | { ok: false; problem: KanaProblem } {
  const value = toZenginKana(text).replace(/ +/g, ' ').trim();
  if (value === '') return { ok: false, problem: { kind: 'EMPTY' } };
  const allowed = kind === 'NAME' ? NAME_CHARS : BANK_NAME_CHARS;
  if (!allowed.test(value)) {
    const characters = [...new Set([...value].filter((c) => !allowed.test(c)))];
    return { ok: false, problem: { kind: 'INVALID_CHARACTERS', characters } };
  }
  if (value.length > max) return { ok: false, problem: { kind: 'TOO_LONG', length: value.length, max } };
  return { ok: true, value };
}

/**
 * Cuts a converted name to `max` characters without separating a kana from its ﾞ or ﾟ
 * (for bank and branch names, which the receiving bank looks up by code anyway).
 */
export function fitZengin(value: string, max: number): string {
  if (value.length <= max) return value;
  let end = max;
  if (value[end] === 'ﾞ' || value[end] === 'ﾟ') end -= 1;
  return value.slice(0, end);
}
