import { errorCatalogue } from '#core';

/** The notifications library's reasons, with their Japanese and English text. */
export const NOTIFICATIONS_REASONS = errorCatalogue({
  EMAIL_NOT_FAILED: {
    code: 'CONFLICT',
    ja: (status: string) => `このメールは送信失敗の状態ではありません (${status})`,
    en: (status: string) => `This e-mail has not failed (it is ${status})`,
  },
});
