import { plainToInstance, Transform } from 'class-transformer';
import { IsOptional, Matches, validate } from 'class-validator';
import { IsDateOnly, validationErrorsToAppError, type LocalizedText } from '#core';
import type { MemberStatus } from '../member.entity.js';
import { normalizeMemberNumber } from '../member-number.js';
import { EmailField, KanaField, PhoneField, PostalCodeField, TextField } from '../validation/validators.js';
import { CSV_COLUMNS, csvStatus, normalizeCsvDate, type CsvField, type HeaderMap } from './member-csv.js';

/** One data row of the member CSV, validated with the same rules as the GraphQL input. */
export class MemberCsvRow {
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? normalizeMemberNumber(value) : value))
  @Matches(/^P\d{7}$/, { message: 'must be P followed by 7 digits, e.g. P0000123 | 会員番号は P と7桁の数字です (例: P0000123)' })
  memberNumber?: string;

  @TextField(50) familyName: string;
  @TextField(50) givenName: string;
  @KanaField(50) familyNameKana: string;
  @KanaField(50) givenNameKana: string;
  @EmailField() email: string;
  @IsOptional() @PhoneField() phone?: string;
  @IsOptional() @PostalCodeField() postalCode?: string;
  @IsOptional() @TextField(300) address?: string;

  @Transform(({ value }) => (typeof value === 'string' ? value.normalize('NFKC').trim().toUpperCase() : value))
  @Matches(/^[A-Z0-9]{2,10}$/, { message: 'must be a branch code such as TKY | 支部コードを入力してください (例: TKY)' })
  branchCode: string;

  @IsOptional() @Transform(({ value }) => (typeof value === 'string' ? normalizeCsvDate(value) : value)) @IsDateOnly()
  joinedOn?: string;

  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? (csvStatus(value) ?? value) : value))
  @Matches(/^(ACTIVE|SUSPENDED|LAPSED|WITHDRAWN)$/, { message: 'must be 有効, 休会, 失効 or 退会 (or ACTIVE, SUSPENDED, LAPSED, WITHDRAWN) | 状態は 有効・休会・失効・退会 のいずれかです' })
  status?: MemberStatus;
}

export interface RowProblem {
  /** Row number as a spreadsheet shows it: the header is row 1. */
  row: number;
  /** The column's header as written in the file. */
  column: string;
  reason: LocalizedText;
}

/** Reads and validates one record; the row's fields, or its problems (one per column). */
export async function readCsvRow(
  record: string[],
  header: HeaderMap,
  rowNumber: number,
  defaultBranchCode?: string,
): Promise<{ row: MemberCsvRow; problems: [] } | { row: null; problems: RowProblem[] }> {
  const plain: Partial<Record<CsvField, string>> = {};
  for (const [field, index] of Object.entries(header.index) as [CsvField, number][]) {
    const cell = (record[index] ?? '').trim();
    if (cell !== '') plain[field] = cell;
  }
  plain.branchCode ??= defaultBranchCode;
  const row = plainToInstance(MemberCsvRow, plain);
  const errors = await validate(row, { forbidUnknownValues: false });
  if (errors.length === 0) return { row, problems: [] };
  const fields = validationErrorsToAppError(errors).fields;
  return {
    row: null,
    problems: fields.map((f) => ({
      row: rowNumber,
      column: header.label[f.field as CsvField] ?? CSV_COLUMNS[f.field as CsvField]?.[0] ?? f.field,
      reason: f.messages[0],
    })),
  };
}
