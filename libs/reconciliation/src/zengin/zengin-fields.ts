import { refuse } from '../statement-format.js';
import type { ZenginRecord } from './zengin-records.js';

/** A field by its 1-based byte positions, as the Zengin layouts give them. */
export const field = (record: ZenginRecord, from: number, to: number): string => record.text.slice(from - 1, to);

/** A text field with trailing blanks removed. */
export const text = (record: ZenginRecord, from: number, to: number): string => field(record, from, to).trimEnd();

/** An unsigned numeric field (N): digits only, refused otherwise. */
export function number(record: ZenginRecord, from: number, to: number, name: string): bigint {
  const value = field(record, from, to);
  if (!/^[0-9]+$/.test(value)) {
    refuse(record.line, 'NUMBER', `${name} (${from}–${to} バイト目) が数字ではありません: "${value}"`, `${name} (bytes ${from}–${to}) is not a number: "${value}"`);
  }
  return BigInt(value);
}

/**
 * A date in the Japanese era, YYMMDD (令和: year 1 = 2019), as YYYY-MM-DD. All zeros or blanks
 * give null when `optional`.
 */
export function eraDate(record: ZenginRecord, from: number, to: number, name: string, optional = false): string | null {
  const value = field(record, from, to);
  if (optional && /^(0{6}| {6})$/.test(value)) return null;
  const bad = () => refuse(record.line, 'DATE', `${name} (${from}–${to} バイト目) が和暦の日付 YYMMDD ではありません: "${value}"`, `${name} (bytes ${from}–${to}) is not an era date YYMMDD: "${value}"`);
  if (!/^[0-9]{6}$/.test(value)) bad();
  const year = 2018 + Number(value.slice(0, 2));
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (Number(value.slice(0, 2)) === 0 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) bad();
  return `${year}-${value.slice(2, 4)}-${value.slice(4, 6)}`;
}

/** A one-character code among the allowed ones. */
export function code(record: ZenginRecord, at: number, allowed: string[], name: string): string {
  const value = field(record, at, at);
  if (!allowed.includes(value)) {
    refuse(record.line, 'FIELD', `${name} (${at} バイト目) が不正です: "${value}" (${allowed.join(', ')} のいずれか)`, `${name} (byte ${at}) is "${value}", not one of ${allowed.join(', ')}`);
  }
  return value;
}

/** Writes an era date (for tests and the demo): 2026-04-01 → 080401. */
export function toEraDate(iso: string): string {
  return String(Number(iso.slice(0, 4)) - 2018).padStart(2, '0') + iso.slice(5, 7) + iso.slice(8, 10);
}
