import { AppError } from '#core';

/** The demo library's errors (reason, ja/en). */
export const DemoError = {
  databaseNotEmpty: () =>
    AppError.conflict('DATABASE_NOT_EMPTY', {
      ja: 'データベースが空ではないため、デモデータを投入しません',
      en: 'The database is not empty: demo data is only seeded into an empty database',
    }),
};
