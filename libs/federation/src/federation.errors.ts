import { AppError } from '#core';

/** The federation library's errors. */
export const FederationError = {
  branchCodeTaken: (code: string) =>
    AppError.badInput(
      'input.code',
      { ja: `支部コード ${code} は既に使われています`, en: `Branch code ${code} is already in use` },
      'BRANCH_CODE_TAKEN',
    ),
  branchNotFound: (id: string) =>
    new AppError('NOT_FOUND', 'BRANCH_NOT_FOUND', { ja: `支部が見つかりません (${id})`, en: `Branch not found (${id})` }),
};
