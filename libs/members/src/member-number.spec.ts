import { describe, expect, it } from '@jest/globals';
import { MemberKind, formatMemberNumber, normalizeMemberNumber, parseMemberNumber } from './member-number.js';

describe('member numbers', () => {
  it('formats people as P + 7 digits and organizations as O + 6 digits', () => {
    expect(formatMemberNumber(MemberKind.PERSON, 123)).toBe('P0000123');
    expect(formatMemberNumber(MemberKind.ORGANIZATION, 12)).toBe('O000012');
  });

  it('parses back what it formats, and nothing of the other kind', () => {
    expect(parseMemberNumber(MemberKind.PERSON, 'P0000123')).toBe(123);
    expect(parseMemberNumber(MemberKind.PERSON, 'O000012')).toBeNull();
    expect(parseMemberNumber(MemberKind.ORGANIZATION, 'O000012')).toBe(12);
    expect(parseMemberNumber(MemberKind.PERSON, 'P0000000')).toBeNull();
    expect(parseMemberNumber(MemberKind.PERSON, 'P000012')).toBeNull();
  });

  it('refuses values that do not fit', () => {
    expect(() => formatMemberNumber(MemberKind.ORGANIZATION, 1_000_000)).toThrow(RangeError);
    expect(() => formatMemberNumber(MemberKind.PERSON, 0)).toThrow(RangeError);
  });

  it('normalizes what a user types', () => {
    expect(normalizeMemberNumber(' ｐ０００１ ')).toBe('P0001');
  });
});
