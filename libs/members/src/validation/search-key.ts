import { hiraganaToKatakana } from './kana.js';

/**
 * The form names are compared in, for search: NFKC (half-width kana → full-width,
 * full-width latin and digits → ASCII), no spaces or middle dots, hiragana as katakana,
 * latin lower-cased. Stored search columns and queries go through the same function,
 * so a half-width or hiragana query finds a full-width katakana name.
 */
export function searchKey(text: string): string {
  return hiraganaToKatakana(text.normalize('NFKC'))
    .replace(/[\s\u3000・･.,，、。]+/gu, '')
    .toLowerCase();
}

/** Escapes LIKE wildcards so a query is matched literally as a prefix. */
export function likePrefix(key: string): string {
  return `${key.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Legal-form words an organization's name may start with (法人格), in kanji and kana. */
const LEGAL_FORMS = [
  '労働者協同組合連合会',
  '労働者協同組合',
  '企業組合',
  '協同組合',
  '生活協同組合',
  '事業協同組合',
  '一般社団法人',
  '一般財団法人',
  '公益社団法人',
  '公益財団法人',
  '特定非営利活動法人',
  'NPO法人',
  '社会福祉法人',
  '株式会社',
  '有限会社',
  '合同会社',
  'ロウドウシャキョウドウクミアイレンゴウカイ',
  'ロウドウシャキョウドウクミアイ',
  'キギョウクミアイ',
  'キョウドウクミアイ',
  'セイカツキョウドウクミアイ',
  'ジギョウキョウドウクミアイ',
  'イッパンシャダンホウジン',
  'イッパンザイダンホウジン',
  'コウエキシャダンホウジン',
  'コウエキザイダンホウジン',
  'トクテイヒエイリカツドウホウジン',
  'シャカイフクシホウジン',
  'カブシキガイシャ',
  'カブシキカイシャ',
  'ユウゲンガイシャ',
  'ゴウドウガイシャ',
].map(searchKey).sort((a, b) => b.length - a.length);

/** An organization's name key without a leading legal form (企業組合ワーカーズ… → ワーカーズ…), or null when it has none. */
export function withoutLegalForm(key: string): string | null {
  const form = LEGAL_FORMS.find((f) => key.startsWith(f) && key.length > f.length);
  return form ? key.slice(form.length) : null;
}
