import { nameKeys } from '#core';
import { searchKey, withoutLegalForm } from './validation/search-key.js';

/** The name columns of a member row: display names and search keys (see the members migration). */
export interface MemberNameColumns {
  name: string;
  nameKana: string;
  nameKey: string;
  altNameKey: string | null;
  kanaKey: string;
  altKanaKey: string | null;
  /** The payer key of the kana and its first word (see the member-payer-keys migration). */
  payerKey: string;
  payerFamily: string;
}

function payerKeys(nameKana: string): { payerKey: string; payerFamily: string } {
  const keys = nameKeys(nameKana);
  return { payerKey: keys.key, payerFamily: keys.family };
}

export interface PersonNameParts {
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
}

/** 山田 / 太郎 / ヤマダ / タロウ → 山田 太郎, ヤマダ タロウ; keys of the full name and of the given name. */
export function personNameColumns(p: PersonNameParts): MemberNameColumns {
  return {
    name: `${p.familyName} ${p.givenName}`,
    nameKana: `${p.familyNameKana} ${p.givenNameKana}`,
    nameKey: searchKey(p.familyName + p.givenName),
    altNameKey: searchKey(p.givenName),
    kanaKey: searchKey(p.familyNameKana + p.givenNameKana),
    altKanaKey: searchKey(p.givenNameKana),
    ...payerKeys(`${p.familyNameKana} ${p.givenNameKana}`),
  };
}

/** An organization's name; the alternative keys drop a leading legal form (企業組合…, ロウドウシャキョウドウクミアイ…). */
export function organizationNameColumns(name: string, nameKana: string): MemberNameColumns {
  const nameKey = searchKey(name);
  const kanaKey = searchKey(nameKana);
  return { name, nameKana, nameKey, altNameKey: withoutLegalForm(nameKey), kanaKey, altKanaKey: withoutLegalForm(kanaKey), ...payerKeys(nameKana) };
}
