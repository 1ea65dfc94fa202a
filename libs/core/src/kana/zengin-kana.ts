/**
 * Zengin kana: full-width or half-width katakana (or hiragana), digits and Latin letters in, the
 * JIS X 0201 forms banks use out. Small kana are written large (ｼﾔ for シャ), ー as -, ヲ as ｵ (no ｦ),
 * voiced kana as two characters (ｶﾞ), Latin letters upper case. Shared by grants (transfer files),
 * members (the payer key of a member's kana) and reconciliation (payer names on bank lines).
 */

const FULL = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン';
const HALF = 'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ';
const SMALL = 'ァィゥェォッャュョヮヵヶ';
const SMALL_LARGE = 'ｱｲｳｴｵﾂﾔﾕﾖﾜｶｹ';
const VOICED = 'ガギグゲゴザジズゼゾダヂヅデドバビブベボ';
const VOICED_BASE = 'ｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾊﾋﾌﾍﾎ';
const SEMI = 'パピプペポ';
const SEMI_BASE = 'ﾊﾋﾌﾍﾎ';
/** Half-width small kana, written large. */
const HALF_SMALL = 'ｧｨｩｪｫｯｬｭｮ';
const HALF_SMALL_LARGE = 'ｱｲｳｴｵﾂﾔﾕﾖ';

const MAP = new Map<string, string>();
[...FULL].forEach((c, i) => MAP.set(c, HALF[i]));
[...SMALL].forEach((c, i) => MAP.set(c, SMALL_LARGE[i]));
[...VOICED].forEach((c, i) => MAP.set(c, VOICED_BASE[i] + 'ﾞ'));
[...SEMI].forEach((c, i) => MAP.set(c, SEMI_BASE[i] + 'ﾟ'));
[...HALF_SMALL].forEach((c, i) => MAP.set(c, HALF_SMALL_LARGE[i]));
for (const [from, to] of [
  ['ヴ', 'ｳﾞ'],
  ['ヲ', 'ｵ'],
  ['ｦ', 'ｵ'],
  ['ヰ', 'ｲ'],
  ['ヱ', 'ｴ'],
  ['ー', '-'],
  ['ｰ', '-'],
  ['－', '-'],
  ['‐', '-'],
  ['−', '-'],
  ['（', '('],
  ['）', ')'],
  ['．', '.'],
  ['　', ' '],
  ['゛', 'ﾞ'],
  ['゜', 'ﾟ'],
] as const) {
  MAP.set(from, to);
}

/** Converts to the Zengin character set; characters with no equivalent are kept (validation names them). */
export function toZenginKana(text: string): string {
  let out = '';
  for (const raw of text.normalize('NFC')) {
    let c = raw;
    const code = c.codePointAt(0)!;
    if (code >= 0x3041 && code <= 0x3096) c = String.fromCodePoint(code + 0x60); // hiragana → katakana
    else if (code >= 0xff01 && code <= 0xff5e) c = String.fromCodePoint(code - 0xfee0); // full-width ASCII
    if (/[a-z]/.test(c)) c = c.toUpperCase();
    out += MAP.get(c) ?? c;
  }
  return out;
}
