/**
 * Kana (カナ) normalization. Names are stored in full-width katakana; input may arrive
 * in half-width katakana (ｶﾅ, as banks and old Excel sheets send it), which NFKC maps to
 * full-width, composing voiced marks (ﾀﾞ → ダ, ﾊﾟ → パ). Hiragana, latin letters and kanji
 * are not kana for a kana field and are refused, not converted.
 */

/** Full-width katakana letters (ァ–ヺ), prolonged sound mark ー, middle dot ・ and iteration marks ヽヾ. */
const KATAKANA_CHAR = /[\u30A1-\u30FA\u30FB\u30FC\u30FD\u30FE]/u;
const KATAKANA_TEXT = /^[\u30A1-\u30FA\u30FB\u30FC\u30FD\u30FE]+(?: [\u30A1-\u30FA\u30FB\u30FC\u30FD\u30FE]+)*$/u;
const HIRAGANA = /[\u3041-\u3096]/gu;

/**
 * Half-width katakana → full-width; any run of spaces (ASCII or 全角) → one ASCII space; trimmed.
 * Other characters are left as they are (the validator refuses them).
 */
export function normalizeKana(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\s\u3000]+/gu, ' ')
    .trim();
}

/** True when the (normalized) text is full-width katakana words separated by single spaces. */
export function isKatakana(text: string): boolean {
  return KATAKANA_TEXT.test(text);
}

/** True for one katakana character (used to tell a katakana search query). */
export function isKatakanaChar(ch: string): boolean {
  return KATAKANA_CHAR.test(ch);
}

/** ひらがな → カタカナ (search only: a hiragana query finds katakana names). */
export function hiraganaToKatakana(text: string): string {
  return text.replace(HIRAGANA, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}
