import { errorCatalogue } from '#core';

/** This library's reasons: the key is the reason clients see (INVALID_FIELD entries excepted), with its category and Japanese and English text. */
export const DEMO_REASONS = errorCatalogue({
  DATABASE_NOT_EMPTY: {
    code: 'CONFLICT',
    ja: 'データベースが空ではないため、デモデータを投入しません',
    en: 'The database is not empty: demo data is only seeded into an empty database',
  },
  DEMO_ONLY_IN_DEVELOPMENT: {
    code: 'CONFLICT',
    ja: (nodeEnv: string) => `デモデータ (公開されたパスワードのアカウントを含む) は NODE_ENV=development の場合にのみ投入します (NODE_ENV: ${nodeEnv})`,
    en: (nodeEnv: string) => `Demo data (with accounts whose passwords are published) is seeded only with NODE_ENV=development (NODE_ENV is ${nodeEnv})`,
  },
});

const R = DEMO_REASONS;

/** The demo library's errors (reason, ja/en). */
export const DemoError = {
  databaseNotEmpty: () => R.DATABASE_NOT_EMPTY.error(),
  onlyInDevelopment: (nodeEnv: string) => R.DEMO_ONLY_IN_DEVELOPMENT.error(nodeEnv),
};
