import { AppError } from '#core';

/** The renewals library's errors: a stable `reason` each, text in Japanese and English. */
export const RenewalError = {
  wholeFederationNeedsAdmin: () =>
    new AppError('FORBIDDEN', 'RENEWALS_FEDERATION_ADMIN_ONLY', {
      ja: '連合会全体の更新処理は連合会管理者のみ実行できます (支部管理者は支部を指定してください)',
      en: 'Only a federation admin may run renewals for the whole federation (branch admins name their branch)',
    }),
};
