import { describe, expect, it } from '@jest/globals';
import { memberListColumns, memberListReading } from './member-list-rows.js';

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

  it('maps a row of values in SELECT order to the member, whatever groups were read', () => {
    const first = ['id-1', 'PERSON', 'P0000001', 'branch-1', 'ACTIVE', '2024-04-01', '山田 太郎', 'ヤマダ タロウ', 'ヤマダタロウ'];
    const lean = memberListReading(new Set(['memberNumber']));
    const m = lean.fromRow(first);
    expect(m).toMatchObject({ id: 'id-1', kind: 'PERSON', memberNumber: 'P0000001', branchId: 'branch-1', status: 'ACTIVE', joinedOn: '2024-04-01', name: '山田 太郎', nameKana: 'ヤマダ タロウ', kanaKey: 'ヤマダタロウ' });
    expect([m.email, m.createdAt, m.person, m.organization]).toEqual([undefined, undefined, undefined, undefined]);

    // Contacts, timestamps and both details: the columns after the first group in their groups' order.
    const created = new Date('2024-04-01T00:00:00Z');
    const wide = memberListReading(new Set(['phone', 'updatedAt', 'person', 'organization']));
    const withPerson = wide.fromRow([...first, 'taro@example.jp', '0312345678', '1000001', '東京都', created, created, 'id-1', '山田', '太郎', 'ヤマダ', 'タロウ', null, null, null, null, null]);
    expect(withPerson).toMatchObject({ email: 'taro@example.jp', phone: '0312345678', postalCode: '1000001', address: '東京都', createdAt: created, updatedAt: created, organization: null });
    expect(withPerson.person).toEqual({ memberId: 'id-1', familyName: '山田', givenName: '太郎', familyNameKana: 'ヤマダ', givenNameKana: 'タロウ' });
    expect(withPerson.nameKey).toBeUndefined();

    const all = memberListReading(undefined);
    const row = [...first, null, null, null, null, 'k1', 'k2', 'k3', 'pk', 'pf', created, created, null, null, null, null, null, 'id-1', '1234567890123', '代表', '理事長', 'S'];
    expect(all.fromRow(row)).toMatchObject({ nameKey: 'k1', altNameKey: 'k2', altKanaKey: 'k3', payerKey: 'pk', payerFamily: 'pf', person: null });
    expect(all.fromRow(row).organization).toEqual({ memberId: 'id-1', corporateNumber: '1234567890123', representativeName: '代表', representativeTitle: '理事長', sizeTier: 'S' });
  });
});
