import { describe, expect, it } from '@jest/globals';
import { addBankBusinessDays, isBankBusinessDay, nextBankBusinessDay } from './bank-days.js';

describe('bank business days', () => {
  it('are weekdays that are not national holidays nor 31 Dec – 3 Jan', () => {
    expect(isBankBusinessDay('2026-06-15')).toBe(true); // Monday
    expect(isBankBusinessDay('2026-06-13')).toBe(false); // Saturday
    expect(isBankBusinessDay('2026-06-14')).toBe(false); // Sunday
    expect(isBankBusinessDay('2026-05-06')).toBe(false); // こどもの日 振替休日 (Wednesday)
    expect(isBankBusinessDay('2026-09-22')).toBe(false); // 国民の休日 between 敬老の日 and 秋分の日
    expect(isBankBusinessDay('2026-12-31')).toBe(false); // Thursday, banks' year end
    expect(isBankBusinessDay('2027-01-04')).toBe(true); // Monday
  });

  it('finds the next business day across Golden Week and the year end', () => {
    expect(nextBankBusinessDay('2026-05-02')).toBe('2026-05-07');
    expect(nextBankBusinessDay('2026-12-30')).toBe('2026-12-30');
    expect(nextBankBusinessDay('2026-12-31')).toBe('2027-01-04');
    expect(addBankBusinessDays('2026-04-30', 1)).toBe('2026-05-01');
    expect(addBankBusinessDays('2026-04-30', 2)).toBe('2026-05-07');
  });
});
