import { toZenginKana } from './zengin-kana.js';

/**
 * Payer names as banks write them and member names as we store them, brought to one key:
 * half-width kana (full-width and hiragana converted), small kana written large, voiced marks as
 * their own character, ｰ and the other dashes as -, then legal-form abbreviations (ｶ) ﾕ) ｼﾔ) (ｶ …)
 * and the written-out forms (カブシキガイシャ …) removed, and spaces, dashes and dots dropped.
 */

/** Abbreviations of legal forms as banks write them, before ("ｶ)") or after ("(ｶ") the name. */
const ABBREVIATIONS = ['ｶ', 'ﾕ', 'ｼﾔ', 'ｻﾞｲ', 'ﾄｸﾋ', 'ｷﾖｳｸﾐ', 'ｲ', 'ｶﾞｸ', 'ﾌｸ', 'ｼﾕｳ', 'ｼﾞﾕﾝ', 'ｺﾞ', 'ﾒ', 'ﾄﾞ', 'ｾｲｷﾖｳ', 'ﾉｳｷﾖｳ', 'ｴｲ', 'ｼﾖｸｸﾐ', 'ｼﾌﾞ', 'ﾎｳ'];
/** Legal forms written out (in a member's stored kana, or spelled out by a payer). */
const WRITTEN = [
  'ｶﾌﾞｼｷｶﾞｲｼﾔ',
  'ﾕｳｹﾞﾝｶﾞｲｼﾔ',
  'ｺﾞｳﾄﾞｳｶﾞｲｼﾔ',
  'ｲﾂﾊﾟﾝｼﾔﾀﾞﾝﾎｳｼﾞﾝ',
  'ｺｳｴｷｼﾔﾀﾞﾝﾎｳｼﾞﾝ',
  'ｼﾔﾀﾞﾝﾎｳｼﾞﾝ',
  'ｲﾂﾊﾟﾝｻﾞｲﾀﾞﾝﾎｳｼﾞﾝ',
  'ｺｳｴｷｻﾞｲﾀﾞﾝﾎｳｼﾞﾝ',
  'ｻﾞｲﾀﾞﾝﾎｳｼﾞﾝ',
  'ﾄｸﾃｲﾋｴｲﾘｶﾂﾄﾞｳﾎｳｼﾞﾝ',
  'NPOﾎｳｼﾞﾝ',
  'ｼﾔｶｲﾌｸｼﾎｳｼﾞﾝ',
  'ｲﾘﾖｳﾎｳｼﾞﾝ',
  'ｷﾖｳﾄﾞｳｸﾐｱｲ',
  'ｾｲｶﾂｷﾖｳﾄﾞｳｸﾐｱｲ',
];
/** One pass for the written-out forms; at one position the longest form wins (ｲﾂﾊﾟﾝｼﾔﾀﾞﾝﾎｳｼﾞﾝ before ｼﾔﾀﾞﾝﾎｳｼﾞﾝ). */
const WRITTEN_FORMS = new RegExp([...WRITTEN].sort((a, b) => b.length - a.length).join('|'), 'g');
const abbreviation = ABBREVIATIONS.map((a) => a.replace(/[()]/g, '\\$&')).join('|');
const BEFORE = new RegExp(`(^|[ ])(?:${abbreviation})\\)`, 'g');
const AFTER = new RegExp(`\\((?:${abbreviation})(?:\\)|$|(?=[ ]))`, 'g');
const MIDDLE = new RegExp(`\\((?:${abbreviation})\\)`, 'g');

/** Half-width Zengin kana of any kana text, upper-case letters, single spaces. */
export function zenginForm(name: string): string {
  return toZenginKana(name).replace(/\s+/g, ' ').trim();
}

/** The name without legal forms, as words (spaces kept), member numbers left in place. */
export function nameWords(name: string): string[] {
  let s = ' ' + zenginForm(name) + ' ';
  // The abbreviations all carry a parenthesis: most names have none and skip the three patterns.
  if (s.includes('(') || s.includes(')')) s = s.replace(MIDDLE, ' ').replace(BEFORE, '$1 ').replace(AFTER, ' ');
  s = s.replace(WRITTEN_FORMS, ' ');
  return s
    .replace(/[-.]/g, '')
    .split(/[ ()]+/)
    .filter((w) => w !== '');
}

/** The matching key: the name's kana words without digits, joined (no spaces). */
export function nameKey(name: string): string {
  return keyWords(name).join('');
}

/** nameKey and familyKey of one name, its words computed once (indexing a million members). */
export function nameKeys(name: string): { key: string; family: string } {
  const words = keyWords(name);
  return { key: words.join(''), family: words[0] ?? '' };
}

/** Words of kana and letters only: numbers (member, invoice) and other characters dropped. */
function keyWords(name: string): string[] {
  return nameWords(name.replace(NUMBER_TOKENS, ' '))
    .map((w) => w.replace(/[^ｱ-ﾝﾞﾟA-Z]/g, ''))
    .filter((w) => w !== '');
}
const NUMBER_TOKENS = /[A-Z]{2,6}-?20[0-9]{2}-?[0-9]{6}|[PO]?-?[0-9]+/g;

/** The first word of a name (the family name of a person written ヤマダ タロウ), as a key. */
export function familyKey(name: string): string {
  return keyWords(name)[0] ?? '';
}

/** Character bigram Dice coefficient of two keys, 0–1. */
export function similarity(a: string, b: string): number {
  if (a === b) return a === '' ? 0 : 1;
  if (a.length < 2 || b.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i += 1) grams.set(a.slice(i, i + 2), (grams.get(a.slice(i, i + 2)) ?? 0) + 1);
  let both = 0;
  for (let i = 0; i < b.length - 1; i += 1) {
    const g = b.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      both += 1;
      grams.set(g, n - 1);
    }
  }
  return (2 * both) / (a.length - 1 + b.length - 1);
}

/** Member numbers (P0012345, O000123 or their digits), invoice numbers (TKY-2026-000123) in a payer field. */
export function numbersIn(field: string): { memberNumbers: string[]; digitRuns: string[]; invoiceNumbers: string[] } {
  const s = zenginForm(field);
  const invoiceNumbers = [...s.matchAll(/([A-Z]{2,6})[- ]?(20[0-9]{2})[- ]?([0-9]{6})/g)].map((m) => `${m[1]}-${m[2]}-${m[3]}`);
  const rest = s.replace(/([A-Z]{2,6})[- ]?(20[0-9]{2})[- ]?([0-9]{6})/g, ' ');
  const memberNumbers = [...rest.matchAll(/(?<![A-Z0-9])([PO])[- ]?([0-9]{6,7})(?![0-9])/g)].map((m) => m[1] + m[2]);
  const digitRuns = [...rest.replace(/(?<![A-Z0-9])[PO][- ]?[0-9]{6,7}(?![0-9])/g, ' ').matchAll(/[0-9]{4,8}/g)].map((m) => String(Number(m[0])));
  return { memberNumbers, digitRuns, invoiceNumbers };
}
