import { errorCatalogue } from '#core';

/** The access library's reasons, with their Japanese and English text. */
export const ACCESS_REASONS = errorCatalogue({
  BRANCH_NOT_IN_SCOPE: { code: 'FORBIDDEN', ja: 'この支部のデータを扱う権限がありません', en: 'You do not have access to this branch' },
});
