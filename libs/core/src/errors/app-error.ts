/** The stable codes clients branch on (GraphQL `extensions.code`). */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'TOO_MANY_REQUESTS' | 'INTERNAL_SERVER_ERROR';

export type Locale = 'ja' | 'en';

export interface LocalizedText {
  ja: string;
  en: string;
}

/** One field's problems, with the path of the field in the input (e.g. `input.email`). */
export interface FieldError {
  field: string;
  messages: LocalizedText[];
}

/**
 * An error a user is meant to read. `reason` is the library's own code
 * (e.g. `INVOICE_ALREADY_PAID`); `code` is the stable category.
 */
export class AppError extends Error {
  override name = 'AppError';

  constructor(
    readonly code: ErrorCode,
    readonly reason: string,
    readonly text: LocalizedText,
    readonly fields: FieldError[] = [],
  ) {
    super(text.en);
  }

  message_(locale: Locale): string {
    return this.text[locale];
  }

  static badInput(field: string, text: LocalizedText, reason = 'INVALID_FIELD'): AppError {
    return new AppError('BAD_USER_INPUT', reason, text, [{ field, messages: [text] }]);
  }

  static notFound(entity: string, id: string): AppError {
    return new AppError('NOT_FOUND', `${entity.toUpperCase()}_NOT_FOUND`, {
      ja: `${entity} が見つかりません (${id})`,
      en: `${entity} not found (${id})`,
    });
  }

  static forbidden(text: LocalizedText = { ja: 'この操作を行う権限がありません', en: 'You are not allowed to do this' }): AppError {
    return new AppError('FORBIDDEN', 'FORBIDDEN', text);
  }

  static unauthenticated(): AppError {
    return new AppError('UNAUTHENTICATED', 'UNAUTHENTICATED', {
      ja: 'サインインが必要です',
      en: 'You must sign in first',
    });
  }

  static conflict(reason: string, text: LocalizedText): AppError {
    return new AppError('CONFLICT', reason, text);
  }
}
