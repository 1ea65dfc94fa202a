import { errorCatalogue } from '#core';

/** The federation library's reasons: stable `reason` (the key), category, Japanese and English text. */
export const FEDERATION_REASONS = errorCatalogue({
  BRANCH_CODE_TAKEN: { code: 'BAD_USER_INPUT', ja: (code: string) => `支部コード ${code} は既に使われています`, en: (code: string) => `Branch code ${code} is already in use` },
  BRANCH_NOT_FOUND: { code: 'NOT_FOUND', ja: (id: string) => `支部が見つかりません (${id})`, en: (id: string) => `Branch not found (${id})` },
});

/** The federation library's errors, by use. */
export const FederationError = {
  branchCodeTaken: (code: string) => FEDERATION_REASONS.BRANCH_CODE_TAKEN.at('input.code', code),
  branchNotFound: (id: string) => FEDERATION_REASONS.BRANCH_NOT_FOUND.error(id),
  /** A branch code (or id) given in an input that names none. */
  branchNotFoundAt: (field: string, code: string) => FEDERATION_REASONS.BRANCH_NOT_FOUND.input(field, code),
};
