import { AppError } from '#core';

/** The members library's errors; `field` is the input path the caller sent (e.g. `input.email`). */
export const MemberError = {
  notFound: (id: string) => new AppError('NOT_FOUND', 'MEMBER_NOT_FOUND', { ja: `会員が見つかりません (${id})`, en: `Member not found (${id})` }),
  notInScope: () =>
    new AppError('FORBIDDEN', 'MEMBER_NOT_IN_SCOPE', { ja: 'この会員のデータを扱う権限がありません', en: 'You do not have access to this member' }),
  notYourMemberRecord: (field: string) =>
    AppError.badInput(
      field,
      { ja: 'この会員情報はあなたのメールアドレスで登録されていません', en: 'This member record is not registered with your e-mail address' },
      'NOT_YOUR_MEMBER_RECORD',
    ),
  noMemberRecord: () =>
    new AppError('NOT_FOUND', 'NO_MEMBER_RECORD', { ja: 'このアカウントには会員情報が紐付いていません', en: 'Your account is not linked to a member record' }),
  emailTaken: (field: string, email: string) =>
    AppError.badInput(field, { ja: `メールアドレス ${email} は既に別の会員が使っています`, en: `The e-mail address ${email} is already used by another member` }, 'MEMBER_EMAIL_TAKEN'),
  memberNumberTaken: (field: string, number: string) =>
    AppError.badInput(field, { ja: `会員番号 ${number} は既に使われています`, en: `Member number ${number} is already in use` }, 'MEMBER_NUMBER_TAKEN'),
  corporateNumberTaken: (field: string, number: string) =>
    AppError.badInput(field, { ja: `法人番号 ${number} の団体は既に登録されています`, en: `An organization with corporate number ${number} is already registered` }, 'CORPORATE_NUMBER_TAKEN'),
  unknownBranch: (field: string, id: string) =>
    AppError.badInput(field, { ja: `支部が見つかりません (${id})`, en: `No such branch (${id})` }, 'UNKNOWN_BRANCH'),
  wrongKind: (field: string, expected: 'PERSON' | 'ORGANIZATION') =>
    AppError.badInput(
      field,
      expected === 'PERSON'
        ? { ja: 'この会員は個人会員ではありません', en: 'This member is not an individual member' }
        : { ja: 'この会員は団体会員ではありません', en: 'This member is not an organizational member' },
      'MEMBER_WRONG_KIND',
    ),
  contactNotFound: (id: string) =>
    new AppError('NOT_FOUND', 'CONTACT_NOT_FOUND', { ja: `担当者が見つかりません (${id})`, en: `Contact not found (${id})` }),
  tooManyContacts: (max: number) =>
    AppError.badInput('memberId', { ja: `担当者は${max}人までです`, en: `An organization can have at most ${max} contacts` }, 'TOO_MANY_CONTACTS'),
  alreadyInBranch: () =>
    AppError.badInput('input.toBranchId', { ja: '会員は既にこの支部に所属しています', en: 'The member already belongs to this branch' }, 'ALREADY_IN_BRANCH'),
  emptyNameQuery: () =>
    AppError.badInput('filter.name', { ja: '検索する名前を入力してください', en: 'Give at least one character of the name to search for' }, 'EMPTY_NAME_QUERY'),
};
