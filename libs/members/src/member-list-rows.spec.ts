import { describe, expect, it } from '@jest/globals';
import { memberListColumns } from './member-list-rows.js';

const EVERY_ALIAS = ['id', 'kind', '"memberNumber"', '"branchId"', 'status', '"joinedOn"', 'name', '"nameKana"', 'email', 'phone', '"postalCode"', 'address',
  '"nameKey"', '"altNameKey"', '"kanaKey"', '"altKanaKey"', '"createdAt"', '"updatedAt"', '"p_memberId"', '"p_givenNameKana"', '"o_memberId"', '"o_sizeTier"'];

describe('memberListColumns', () => {
  it('reads every column of the member and its details when no fields are given', () => {
    const all = memberListColumns(undefined);
    for (const alias of EVERY_ALIAS) expect(all).toMatch(new RegExp(`(AS |m\\.)${alias.replace(/"/g, '"?')}\\b`));
  });

  it('reads the always-read group alone for a page of numbers and names, and a group whole when one of its fields is asked for', () => {
    const lean = memberListColumns(new Set(['memberNumber', 'name', 'branch', '__typename']));
    expect(lean).toMatch(/m\.kana_key/);
    expect(lean).not.toMatch(/email|created_at|name_key AS|p\.|o\./);
    const contact = memberListColumns(new Set(['phone']));
    expect(contact).toMatch(/m\.email, m\.phone, m\.postal_code AS "postalCode", m\.address/);
    expect(memberListColumns(new Set(['updatedAt', 'person']))).toMatch(/m\.created_at.*m\.updated_at.*p\.member_id/s);
  });

  it('gives the same text for the same groups, whatever the order or the other fields of the selection', () => {
    expect(memberListColumns(new Set(['address', 'createdAt', 'name']))).toBe(memberListColumns(new Set(['updatedAt', 'email', 'status'])));
  });
});
