import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsNotEmpty,
  IsString,
  MaxLength,
  ValidatorConstraint,
  registerDecorator,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { corporateNumberProblem, normalizeCorporateNumber } from './corporate-number.js';
import { normalizeEmail } from './email.js';
import { isKatakana, normalizeKana } from './kana.js';
import { normalizePhone } from './phone.js';
import { normalizePostalCode } from './postal-code.js';

/**
 * Field decorators for members' inputs (GraphQL and CSV rows alike): each normalizes what
 * people type (Transform, run before validation) and then validates the normalized value
 * with an "English | 日本語" message the global pipe turns into a field error.
 */

type PropertyDecorator = (target: object, key: string | symbol) => void;

const all =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const d of decorators) d(target, key);
  };

const ifString = (fn: (s: string) => unknown) => ({ value }: { value: unknown }) => (typeof value === 'string' ? fn(value) : value);

function custom(name: string, test: (value: unknown) => boolean, message: string): PropertyDecorator {
  return (target, key) =>
    registerDecorator({ name, target: target.constructor, propertyName: key as string, options: { message }, validator: { validate: test } });
}

/** Trimmed text with spaces collapsed (kanji names keep their exact characters: no NFKC). */
export const TextField = (max: number) =>
  all(
    Transform(ifString((s) => s.replace(/[ \t\r\n]+/g, ' ').replace(/^[\s\u3000]+|[\s\u3000]+$/gu, ''))) as PropertyDecorator,
    IsString() as PropertyDecorator,
    IsNotEmpty() as PropertyDecorator,
    MaxLength(max) as PropertyDecorator,
  );

/** Full-width katakana; half-width accepted and converted; hiragana, latin and kanji refused. */
export const KanaField = (max: number) =>
  all(
    Transform(ifString(normalizeKana)) as PropertyDecorator,
    IsString() as PropertyDecorator,
    IsNotEmpty() as PropertyDecorator,
    MaxLength(max) as PropertyDecorator,
    custom(
      'isKatakana',
      (v) => typeof v === 'string' && (v === '' || isKatakana(v)),
      'must be written in katakana (full- or half-width), e.g. ヤマダ | カタカナで入力してください (例: ヤマダ)',
    ),
  );

export const EmailField = () =>
  all(
    Transform(ifString(normalizeEmail)) as PropertyDecorator,
    IsString() as PropertyDecorator,
    MaxLength(254) as PropertyDecorator,
    IsEmail({}, { message: 'must be an e-mail address such as taro@example.jp | メールアドレスの形式が正しくありません' }) as PropertyDecorator,
  );

export const PostalCodeField = () =>
  all(
    Transform(ifString((s) => normalizePostalCode(s) ?? s)) as PropertyDecorator,
    IsString() as PropertyDecorator,
    custom('isPostalCode', (v) => typeof v === 'string' && /^\d{7}$/.test(v), 'must be a 7-digit postal code such as 160-0023 | 郵便番号は7桁で入力してください (例: 160-0023)'),
  );

export const PhoneField = () =>
  all(
    Transform(ifString((s) => normalizePhone(s) ?? s)) as PropertyDecorator,
    IsString() as PropertyDecorator,
    MaxLength(20) as PropertyDecorator,
    custom(
      'isPhone',
      (v) => typeof v === 'string' && normalizePhone(v) === v,
      'must be a Japanese telephone number of 10 or 11 digits such as 03-1234-5678 | 電話番号は 0 から始まる10桁または11桁で入力してください (例: 03-1234-5678)',
    ),
  );

@ValidatorConstraint({ name: 'isCorporateNumber' })
class CorporateNumberConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && corporateNumberProblem(value) === null;
  }

  defaultMessage(args: ValidationArguments): string {
    return typeof args.value === 'string' && corporateNumberProblem(args.value) === 'CHECK_DIGIT'
      ? 'has a wrong check digit: please check the 13 digits | 法人番号のチェックデジットが一致しません。13桁を確認してください'
      : 'must be the 13-digit corporate number (法人番号) | 法人番号は13桁の数字で入力してください';
  }
}

export const CorporateNumberField = () =>
  all(Transform(ifString(normalizeCorporateNumber)) as PropertyDecorator, (target, key) =>
    registerDecorator({ name: 'isCorporateNumber', target: target.constructor, propertyName: key as string, validator: CorporateNumberConstraint }),
  );

// Dates: #core's IsDateOnly, the house's one date validator.
