import { errorCatalogue } from './error-catalogue.js';

/** The platform's own refusals (arguments every library's API takes), with their Japanese and English text. */
export const CORE_REASONS = errorCatalogue({
  /** A scalar ID argument that is not a UUID (UuidArgPipe). */
  ID_NOT_VALID: { code: 'BAD_USER_INPUT', reason: 'INVALID_FIELD', ja: (field: string) => `${field} はIDの形式ではありません`, en: (field: string) => `${field} is not a valid id` },
  /** `after` that is not a cursor this list gave out. */
  CURSOR_NOT_VALID: { code: 'BAD_USER_INPUT', reason: 'INVALID_FIELD', ja: 'after はこの一覧のカーソルではありません', en: 'after is not a cursor from this list' },
});
