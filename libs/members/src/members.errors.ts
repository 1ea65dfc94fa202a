import { errorCatalogue } from '#core';
import { FEDERATION_REASONS } from '#federation';

/** The members library's reasons: stable `reason` (the key), category, Japanese and English text. */
export const MEMBERS_REASONS = errorCatalogue({
  MEMBER_NOT_FOUND: { code: 'NOT_FOUND', ja: (id: string) => `会員が見つかりません (${id})`, en: (id: string) => `Member not found (${id})` },
  MEMBER_NOT_IN_SCOPE: { code: 'FORBIDDEN', ja: 'この会員のデータを扱う権限がありません', en: 'You do not have access to this member' },
  NOT_YOUR_MEMBER_RECORD: { code: 'BAD_USER_INPUT', ja: 'この会員情報はあなたのメールアドレスで登録されていません', en: 'This member record is not registered with your e-mail address' },
  NO_MEMBER_RECORD: { code: 'NOT_FOUND', ja: 'このアカウントには会員情報が紐付いていません', en: 'Your account is not linked to a member record' },
  MEMBER_EMAIL_TAKEN: {
    code: 'BAD_USER_INPUT',
    ja: (email: string) => `メールアドレス ${email} は既に別の会員が使っています`,
    en: (email: string) => `The e-mail address ${email} is already used by another member`,
  },
  MEMBER_NUMBER_TAKEN: { code: 'BAD_USER_INPUT', ja: (number: string) => `会員番号 ${number} は既に使われています`, en: (number: string) => `Member number ${number} is already in use` },
  CORPORATE_NUMBER_TAKEN: {
    code: 'BAD_USER_INPUT',
    ja: (number: string) => `法人番号 ${number} の団体は既に登録されています`,
    en: (number: string) => `An organization with corporate number ${number} is already registered`,
  },
  MEMBER_WRONG_KIND: {
    code: 'BAD_USER_INPUT',
    ja: (expected: 'PERSON' | 'ORGANIZATION') => (expected === 'PERSON' ? 'この会員は個人会員ではありません' : 'この会員は団体会員ではありません'),
    en: (expected: 'PERSON' | 'ORGANIZATION') => (expected === 'PERSON' ? 'This member is not an individual member' : 'This member is not an organizational member'),
  },
  CONTACT_NOT_FOUND: { code: 'NOT_FOUND', ja: (id: string) => `担当者が見つかりません (${id})`, en: (id: string) => `Contact not found (${id})` },
  TOO_MANY_CONTACTS: { code: 'BAD_USER_INPUT', ja: (max: number) => `担当者は${max}人までです`, en: (max: number) => `An organization can have at most ${max} contacts` },
  ALREADY_IN_BRANCH: { code: 'BAD_USER_INPUT', ja: '会員は既にこの支部に所属しています', en: 'The member already belongs to this branch' },
  EMPTY_NAME_QUERY: { code: 'BAD_USER_INPUT', ja: '検索する名前を入力してください', en: 'Give at least one character of the name to search for' },
  IMPORT_EMPTY_FILE: { code: 'BAD_USER_INPUT', ja: 'ファイルが空です', en: 'The file is empty' },
  IMPORT_MISSING_COLUMNS: { code: 'BAD_USER_INPUT', ja: (names: string) => `必要な列がありません: ${names}`, en: (names: string) => `Missing columns: ${names}` },
});

const R = MEMBERS_REASONS;

/** The members library's errors, by use; `field` is the input path the caller sent (e.g. `input.email`). */
export const MemberError = {
  notFound: (id: string) => R.MEMBER_NOT_FOUND.error(id),
  /** A member id or number given in an input that names none. */
  notFoundAt: (field: string, idOrNumber: string) => R.MEMBER_NOT_FOUND.input(field, idOrNumber),
  notInScope: () => R.MEMBER_NOT_IN_SCOPE.error(),
  notYourMemberRecord: (field: string) => R.NOT_YOUR_MEMBER_RECORD.at(field),
  noMemberRecord: () => R.NO_MEMBER_RECORD.error(),
  emailTaken: (field: string, email: string) => R.MEMBER_EMAIL_TAKEN.at(field, email),
  memberNumberTaken: (field: string, number: string) => R.MEMBER_NUMBER_TAKEN.at(field, number),
  corporateNumberTaken: (field: string, number: string) => R.CORPORATE_NUMBER_TAKEN.at(field, number),
  /** The federation library's BRANCH_NOT_FOUND (one definition), as a refused input. */
  unknownBranch: (field: string, id: string) => FEDERATION_REASONS.BRANCH_NOT_FOUND.input(field, id),
  wrongKind: (field: string, expected: 'PERSON' | 'ORGANIZATION') => R.MEMBER_WRONG_KIND.at(field, expected),
  contactNotFound: (id: string) => R.CONTACT_NOT_FOUND.error(id),
  tooManyContacts: (max: number) => R.TOO_MANY_CONTACTS.at('memberId', max),
  alreadyInBranch: () => R.ALREADY_IN_BRANCH.at('input.toBranchId'),
  emptyNameQuery: () => R.EMPTY_NAME_QUERY.at('filter.name'),
  importEmptyFile: () => R.IMPORT_EMPTY_FILE.at('file'),
  importMissingColumns: (names: string) => R.IMPORT_MISSING_COLUMNS.at('file', names),
};
