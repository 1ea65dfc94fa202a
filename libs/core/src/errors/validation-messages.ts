import type { ValidationError } from 'class-validator';
import { AppError, type FieldError, type LocalizedText } from './app-error.js';

/** Japanese wording for class-validator's built-in constraints; custom ones carry their own. */
const JA: Record<string, string> = {
  isEmail: 'メールアドレスの形式が正しくありません',
  isNotEmpty: '入力してください',
  maxLength: '長すぎます',
  minLength: '短すぎます',
  isInt: '整数で入力してください',
  min: '小さすぎます',
  max: '大きすぎます',
  isUUID: 'IDの形式が正しくありません',
  isIn: '選択肢から選んでください',
  isEnum: '選択肢から選んでください',
  matches: '形式が正しくありません',
  isDateString: '日付の形式が正しくありません (YYYY-MM-DD)',
  isISO8601: '日付の形式が正しくありません (YYYY-MM-DD)',
  isAmount: '金額は正の整数で入力してください',
  whitelistValidation: 'この項目は受け付けられません',
  isString: '文字列で入力してください',
  isBoolean: 'true または false で入力してください',
  arrayMinSize: '少なくとも1件必要です',
  arrayMaxSize: '件数が多すぎます',
};

/** Custom validators put "ja text|en text" in their messages; built-ins get JA above. */
function localize(constraint: string, message: string): LocalizedText {
  const split = message.split(' | ');
  if (split.length === 2) return { en: split[0], ja: split[1] };
  return { en: message, ja: JA[constraint] ?? message };
}

function collect(errors: ValidationError[], prefix: string, out: FieldError[]): void {
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) {
      out.push({
        field: path,
        messages: Object.entries(e.constraints).map(([c, m]) => localize(c, m)),
      });
    }
    if (e.children?.length) collect(e.children, path, out);
  }
}

export function validationErrorsToAppError(errors: ValidationError[], argName?: string): AppError {
  const fields: FieldError[] = [];
  collect(errors, argName ?? '', fields);
  const first = fields[0];
  const summary: LocalizedText = first
    ? { en: `Invalid ${first.field}: ${first.messages[0].en}`, ja: `${first.field} が不正です: ${first.messages[0].ja}` }
    : { en: 'Invalid input', ja: '入力が不正です' };
  return new AppError('BAD_USER_INPUT', 'VALIDATION_FAILED', summary, fields);
}
