import { errorCatalogue } from '#core';

/** This library's reasons: the key is the reason clients see (INVALID_FIELD entries excepted), with its category and Japanese and English text. */
export const RENEWALS_REASONS = errorCatalogue({
  RENEWALS_FEDERATION_ADMIN_ONLY: {
    code: 'FORBIDDEN',
    ja: '連合会全体の更新処理は連合会管理者のみ実行できます (支部管理者は支部を指定してください)',
    en: 'Only a federation admin may run renewals for the whole federation (branch admins name their branch)',
  },
});

const R = RENEWALS_REASONS;

/** The renewals library's errors: a stable `reason` each, text in Japanese and English. */
export const RenewalError = {
  wholeFederationNeedsAdmin: () => R.RENEWALS_FEDERATION_ADMIN_ONLY.error(),
};
