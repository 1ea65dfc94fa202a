import { searchKey, withoutLegalForm } from './validation/search-key.js';

/** The name columns of a member row: display names and search keys (see the members migration). */
export interface MemberNameColumns {
  name: string;
  nameKana: string;
  nameKey: string;
  altNameKey: string | null;
  kanaKey: string;
  altKanaKey: string | null;
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
  };
}

/** An organization's name; the alternative keys drop a leading legal form (企業組合…, ロウドウシャキョウドウクミアイ…). */
export function organizationNameColumns(name: string, nameKana: string): MemberNameColumns {
  const nameKey = searchKey(name);
  const kanaKey = searchKey(nameKana);
  return { name, nameKana, nameKey, altNameKey: withoutLegalForm(nameKey), kanaKey, altKanaKey: withoutLegalForm(kanaKey) };
}
