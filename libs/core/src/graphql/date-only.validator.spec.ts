import { describe, expect, it } from '@jest/globals';
import { validateSync } from 'class-validator';
import { IsDateOnly } from './date-only.validator.js';

class Any {
  @IsDateOnly() on!: unknown;
}

class FromNineteenHundred {
  @IsDateOnly({ minYear: 1900 }) on!: unknown;
}

const problems = (type: new () => { on: unknown }, on: unknown) => {
  const input = Object.assign(new type(), { on });
  return validateSync(input).flatMap((e) => Object.values(e.constraints ?? {}));
};

describe('IsDateOnly, the one date validator', () => {
  it('accepts real calendar dates written YYYY-MM-DD', () => {
    for (const on of ['2026-04-01', '2024-02-29', '1899-12-31', '0001-01-01']) expect(problems(Any, on)).toEqual([]);
  });

  it('refuses dates that do not exist, other forms, instants and non-strings, with one bilingual message', () => {
    for (const on of ['2025-02-29', '2026-13-01', '2026-4-01', '2026/04/01', '20260401', '2026-04-01T00:00:00Z', ' 2026-04-01', 20260401, null]) {
      expect({ on, problems: problems(Any, on) }).toEqual({ on, problems: ['must be a date written YYYY-MM-DD, e.g. 2026-04-01 | 日付は YYYY-MM-DD の形式で入力してください (例: 2026-04-01)'] });
    }
  });

  it('with a minimum year, refuses the days before it and says so', () => {
    expect(problems(FromNineteenHundred, '1900-01-01')).toEqual([]);
    expect(problems(FromNineteenHundred, '1899-12-31')).toEqual([
      'must be a date written YYYY-MM-DD from 1900 on, e.g. 2026-04-01 | 日付は 1900年以降を YYYY-MM-DD の形式で入力してください (例: 2026-04-01)',
    ]);
  });
});
