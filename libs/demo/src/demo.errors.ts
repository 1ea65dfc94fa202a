import { AppError } from '#core';

/** The demo library's errors (reason, ja/en). */
export const DemoError = {
  databaseNotEmpty: () =>
    AppError.conflict('DATABASE_NOT_EMPTY', {
      ja: 'データベースが空ではないため、デモデータを投入しません',
      en: 'The database is not empty: demo data is only seeded into an empty database',
    }),
  onlyInDevelopment: (nodeEnv: string) =>
    AppError.conflict('DEMO_ONLY_IN_DEVELOPMENT', {
      ja: `デモデータ (公開されたパスワードのアカウントを含む) は NODE_ENV=development の場合にのみ投入します (NODE_ENV: ${nodeEnv})`,
      en: `Demo data (with accounts whose passwords are published) is seeded only with NODE_ENV=development (NODE_ENV is ${nodeEnv})`,
    }),
};
