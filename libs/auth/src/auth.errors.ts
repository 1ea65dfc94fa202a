import { AppError } from '#core';

/** The errors of the auth library: stable `reason`s, text in Japanese and English. */
export const AuthErrors = {
  /** Unknown e-mail, wrong password, no password, deactivated: one answer, so no one learns which. */
  invalidCredentials: () =>
    new AppError('UNAUTHENTICATED', 'INVALID_CREDENTIALS', {
      ja: 'メールアドレスまたはパスワードが正しくありません',
      en: 'The e-mail address or password is not correct',
    }),

  tooManyAttempts: () =>
    new AppError('TOO_MANY_REQUESTS', 'TOO_MANY_SIGN_IN_ATTEMPTS', {
      ja: 'サインインの試行が多すぎます。しばらくしてからもう一度お試しください',
      en: 'Too many sign-in attempts. Please wait a while and try again',
    }),

  invalidSignInLink: () =>
    new AppError('UNAUTHENTICATED', 'SIGN_IN_LINK_INVALID', {
      ja: 'このサインインリンクは無効か、期限切れか、すでに使用されています',
      en: 'This sign-in link is invalid, expired or already used',
    }),

  emailTaken: (field: string) =>
    AppError.badInput(field, { ja: 'このメールアドレスはすでに登録されています', en: 'This e-mail address is already registered' }, 'EMAIL_TAKEN'),

  /** The same, on several fields at once (bulk registration). */
  emailsTaken: (fields: string[]) => {
    const text = { ja: 'このメールアドレスはすでに登録されています', en: 'This e-mail address is already registered' };
    return new AppError('BAD_USER_INPUT', 'EMAIL_TAKEN', text, fields.map((field) => ({ field, messages: [text] })));
  },

  unknownBranches: (fields: string[]) => {
    const text = { ja: '支部が見つかりません', en: 'No branch has this id' };
    return new AppError('BAD_USER_INPUT', 'UNKNOWN_BRANCH', text, fields.map((field) => ({ field, messages: [text] })));
  },

  memberRoleNotGrantable: (field: string) =>
    AppError.badInput(
      field,
      { ja: '会員ロールは会員登録によってのみ付与されます', en: 'The MEMBER role comes only with a member record' },
      'MEMBER_ROLE_NOT_GRANTABLE',
    ),

  /** The CLI's `--as <email>` names no active staff user. */
  staffUserNotFoundAt: (field: string, email: string) =>
    AppError.badInput(
      field,
      { ja: `${email} は有効な職員ユーザーではありません`, en: `${email} is not an active staff user` },
      'STAFF_USER_NOT_FOUND',
    ),

  userNotFound: (id: string) => new AppError('NOT_FOUND', 'USER_NOT_FOUND', { ja: `ユーザーが見つかりません (${id})`, en: `User not found (${id})` }),

  grantNotFound: () =>
    new AppError('NOT_FOUND', 'ROLE_GRANT_NOT_FOUND', { ja: 'このユーザーはこのロールを持っていません', en: 'The user does not hold this role' }),

  lastFederationAdmin: () =>
    AppError.conflict('LAST_FEDERATION_ADMIN', {
      ja: '最後の連合会管理者を外すことはできません',
      en: 'The last active federation admin cannot be removed',
    }),

  cannotDeactivateSelf: () =>
    AppError.conflict('CANNOT_DEACTIVATE_SELF', { ja: '自分自身を無効にすることはできません', en: 'You cannot deactivate yourself' }),

  memberAlreadyLinked: (field: string) =>
    AppError.badInput(
      field,
      { ja: 'このメールアドレスは別の会員のユーザーに使われています', en: 'This e-mail address belongs to the user of another member' },
      'EMAIL_TAKEN',
    ),

  /** A member edit would rename a user who holds staff roles: only that user changes their own address. */
  staffSignIn: (field: string) =>
    AppError.badInput(
      field,
      {
        ja: 'この会員は職員アカウントでサインインしています。そのメールアドレスは本人だけが変更できます',
        en: 'This member signs in with a staff account: only its holder can change that address',
      },
      'STAFF_ACCOUNT',
    ),

  passwordSessionRequired: () =>
    new AppError('FORBIDDEN', 'PASSWORD_SESSION_REQUIRED', {
      ja: 'この操作にはパスワードでのサインインが必要です',
      en: 'Sign in with your password to do this',
    }),

  alreadyAMember: (field: string) =>
    AppError.badInput(field, { ja: 'このアカウントには既に会員情報が紐付いています', en: 'Your account already has a member record' }, 'ALREADY_A_MEMBER'),

  memberHasAccount: (field: string) =>
    AppError.badInput(field, { ja: 'この会員には既にアカウントがあります', en: 'This member record already has an account' }, 'MEMBER_HAS_ACCOUNT'),
};
