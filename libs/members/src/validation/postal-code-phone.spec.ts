import { describe, expect, it } from '@jest/globals';
import { formatPostalCode, normalizePostalCode } from './postal-code.js';
import { normalizePhone } from './phone.js';
import { normalizeEmail } from './email.js';

describe('normalizePostalCode', () => {
  it('accepts the usual spellings of a 7-digit code', () => {
    for (const s of ['160-0023', '1600023', '〒160-0023', '〒 160-0023', '１６０－００２３', '160ー0023', ' 160-0023 ']) {
      expect(normalizePostalCode(s)).toBe('1600023');
    }
  });

  it('refuses anything else', () => {
    for (const s of ['160-002', '16000234', 'abc-defg', '', '160 0023x']) expect(normalizePostalCode(s)).toBeNull();
  });

  it('formats for display', () => {
    expect(formatPostalCode('1600023')).toBe('160-0023');
  });
});

describe('normalizePhone', () => {
  it('accepts fixed, mobile, IP and toll-free numbers in any common spelling', () => {
    expect(normalizePhone('03-1234-5678')).toBe('03-1234-5678');
    expect(normalizePhone('0312345678')).toBe('0312345678');
    expect(normalizePhone('090-1234-5678')).toBe('090-1234-5678');
    expect(normalizePhone('０９０－１２３４－５６７８')).toBe('090-1234-5678');
    expect(normalizePhone('(03) 1234 5678')).toBe('03-1234-5678');
    expect(normalizePhone('+81 90 1234 5678')).toBe('090-1234-5678');
    expect(normalizePhone('0120-123-456')).toBe('0120-123-456');
  });

  it('refuses numbers of the wrong length, without a leading 0, or with letters', () => {
    for (const s of ['03-1234-567', '090-1234-56789', '3-1234-5678', '090-CALL-NOW', '', '001-234-5678']) expect(normalizePhone(s)).toBeNull();
  });
});

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Taro.Yamada@Example.JP ')).toBe('taro.yamada@example.jp');
  });
});
