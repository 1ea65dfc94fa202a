import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { isValidCorporateNumber } from '../validation/corporate-number.js';
import { isKatakana } from '../validation/kana.js';
import { normalizePhone } from '../validation/phone.js';
import { generateDemoData } from './demo-data.js';

describe('generateDemoData', () => {
  const data = generateDemoData();

  it('makes 17 branches, 17 organizations and 7,000 individual members', () => {
    expect(data.branches).toHaveLength(17);
    expect(data.organizations).toHaveLength(17);
    expect(data.persons).toHaveLength(7000);
    expect(new Set(data.branches.map((b) => b.code)).size).toBe(17);
  });

  it('is deterministic: the same seed gives the same data, another seed other data', () => {
    const hash = (d: unknown) => createHash('sha256').update(JSON.stringify(d)).digest('hex');
    expect(hash(generateDemoData())).toBe(hash(data));
    expect(hash(generateDemoData(7))).not.toBe(hash(data));
  });

  it('gives every member valid, unique data the members service would accept', () => {
    const prefecture = new Map(data.branches.map((b) => [b.code, b.prefecture]));
    const bad = data.persons.filter(
      (p) =>
        !isKatakana(p.familyNameKana) ||
        !isKatakana(p.givenNameKana) ||
        !/^[a-z]+\.[a-z]+\d*@example\.(jp|ne\.jp|co\.jp|com|or\.jp)$/.test(p.email) ||
        normalizePhone(p.phone) !== p.phone ||
        !/^\d{7}$/.test(p.postalCode) ||
        !p.address.startsWith(prefecture.get(p.branchCode)!),
    );
    expect(bad).toEqual([]);
    const emails = new Set(data.persons.map((p) => p.email));
    expect(emails.size).toBe(7000);
    for (const o of data.organizations) {
      expect(isValidCorporateNumber(o.corporateNumber)).toBe(true);
      expect(o.nameKana.split(' ').every(isKatakana)).toBe(true);
      for (const c of o.contacts) expect(emails.has(c.email)).toBe(false);
    }
  });

  it('lists members in order of joining, so member numbers follow it', () => {
    const dates = data.persons.map((p) => p.joinedOn);
    expect([...dates].sort()).toEqual(dates);
  });
});
