import { errorCatalogue } from '#core';

/** This library's reasons: the key is the reason clients see (INVALID_FIELD entries excepted), with its category and Japanese and English text. */
export const AUTH_REASONS = errorCatalogue({
  INVALID_CREDENTIALS: { code: 'UNAUTHENTICATED', ja: 'メールアドレスまたはパスワードが正しくありません', en: 'The e-mail address or password is not correct' },
  TOO_MANY_SIGN_IN_ATTEMPTS: {
    code: 'TOO_MANY_REQUESTS',
    ja: 'サインインの試行が多すぎます。しばらくしてからもう一度お試しください',
    en: 'Too many sign-in attempts. Please wait a while and try again',
  },
  SIGN_IN_LINK_INVALID: { code: 'UNAUTHENTICATED', ja: 'このサインインリンクは無効か、期限切れか、すでに使用されています', en: 'This sign-in link is invalid, expired or already used' },
  /** `byAnotherMember`: the address is the sign-in of another member's user (a member edit). */
  EMAIL_TAKEN: {
    code: 'BAD_USER_INPUT',
    ja: (byAnotherMember: boolean) => (byAnotherMember ? 'このメールアドレスは別の会員のユーザーに使われています' : 'このメールアドレスはすでに登録されています'),
    en: (byAnotherMember: boolean) => (byAnotherMember ? 'This e-mail address belongs to the user of another member' : 'This e-mail address is already registered'),
  },
  /** A role granted on a branch that does not exist (auth checks the ids without depending on federation). */
  ROLE_BRANCH_NOT_FOUND: { code: 'BAD_USER_INPUT', ja: 'ロールを付与する支部が見つかりません', en: 'No branch has this id to grant the role on' },
  MEMBER_ROLE_NOT_GRANTABLE: { code: 'BAD_USER_INPUT', ja: '会員ロールは会員登録によってのみ付与されます', en: 'The MEMBER role comes only with a member record' },
  STAFF_USER_NOT_FOUND: { code: 'BAD_USER_INPUT', ja: (email: string) => `${email} は有効な職員ユーザーではありません`, en: (email: string) => `${email} is not an active staff user` },
  USER_NOT_FOUND: { code: 'NOT_FOUND', ja: (id: string) => `ユーザーが見つかりません (${id})`, en: (id: string) => `User not found (${id})` },
  ROLE_GRANT_NOT_FOUND: { code: 'NOT_FOUND', ja: 'このユーザーはこのロールを持っていません', en: 'The user does not hold this role' },
  LAST_FEDERATION_ADMIN: { code: 'CONFLICT', ja: '最後の連合会管理者を外すことはできません', en: 'The last active federation admin cannot be removed' },
  CANNOT_DEACTIVATE_SELF: { code: 'CONFLICT', ja: '自分自身を無効にすることはできません', en: 'You cannot deactivate yourself' },
  STAFF_ACCOUNT: {
    code: 'BAD_USER_INPUT',
    ja: 'この会員は職員アカウントでサインインしています。そのメールアドレスは本人だけが変更できます',
    en: 'This member signs in with a staff account: only its holder can change that address',
  },
  PASSWORD_SESSION_REQUIRED: { code: 'FORBIDDEN', ja: 'この操作にはパスワードでのサインインが必要です', en: 'Sign in with your password to do this' },
  ACCOUNT_HAS_MEMBER: { code: 'BAD_USER_INPUT', ja: 'このアカウントには既に会員情報が紐付いています', en: 'Your account already has a member record' },
  MEMBER_HAS_ACCOUNT: { code: 'BAD_USER_INPUT', ja: 'この会員には既にアカウントがあります', en: 'This member record already has an account' },
  NO_ACCESS_RULE: {
    code: 'FORBIDDEN',
    ja: (_handler: string) => 'この操作にはアクセス規則が定義されていません',
    en: (handler: string) => `No access rule is declared for ${handler}`,
  },
  ROLE_NOT_ALLOWED: { code: 'FORBIDDEN', ja: 'この操作を行う権限がありません', en: 'Your role does not allow this' },
});

const R = AUTH_REASONS;

/** The errors of the auth library: stable `reason`s, text in Japanese and English. */
export const AuthErrors = {
  /** Unknown e-mail, wrong password, no password, deactivated: one answer, so no one learns which. */
  invalidCredentials: () => R.INVALID_CREDENTIALS.error(),

  tooManyAttempts: () => R.TOO_MANY_SIGN_IN_ATTEMPTS.error(),

  invalidSignInLink: () => R.SIGN_IN_LINK_INVALID.error(),

  emailTaken: (field: string) => R.EMAIL_TAKEN.at(field, false),

  /** The same, on several fields at once (bulk registration). */
  emailsTaken: (fields: string[]) => R.EMAIL_TAKEN.atEach(fields, false),

  unknownBranches: (fields: string[]) => R.ROLE_BRANCH_NOT_FOUND.atEach(fields),

  memberRoleNotGrantable: (field: string) => R.MEMBER_ROLE_NOT_GRANTABLE.at(field),

  /** The CLI's `--as <email>` names no active staff user. */
  staffUserNotFoundAt: (field: string, email: string) => R.STAFF_USER_NOT_FOUND.at(field, email),

  userNotFound: (id: string) => R.USER_NOT_FOUND.error(id),

  grantNotFound: () => R.ROLE_GRANT_NOT_FOUND.error(),

  lastFederationAdmin: () => R.LAST_FEDERATION_ADMIN.error(),

  cannotDeactivateSelf: () => R.CANNOT_DEACTIVATE_SELF.error(),

  memberAlreadyLinked: (field: string) => R.EMAIL_TAKEN.at(field, true),

  /** A member edit would rename a user who holds staff roles: only that user changes their own address. */
  staffSignIn: (field: string) => R.STAFF_ACCOUNT.at(field),

  passwordSessionRequired: () => R.PASSWORD_SESSION_REQUIRED.error(),

  alreadyAMember: (field: string) => R.ACCOUNT_HAS_MEMBER.at(field),

  memberHasAccount: (field: string) => R.MEMBER_HAS_ACCOUNT.at(field),
};
