import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import type { Branch } from '#federation';
import type { Member } from '#members';
import { createBranch } from '../libs/testing/src/factories/branch.factory.js';
import { createOrganization, createPerson } from '../libs/testing/src/factories/member.factory.js';
import { gql } from './support/gql.js';
import type { CreateIndividualMemberInput, CreateOrganizationMemberInput, UpdateIndividualMemberInput, UpdateOrganizationMemberInput } from './support/schema-types.js';
import { TestApp, type GqlResult } from './support/test-app.js';

const CREATE_PERSON = gql(`mutation MemberBadInputCreatePerson($input: CreateIndividualMemberInput!) { createIndividualMember(input: $input) { id } }`);
const CREATE_ORG = gql(`mutation MemberBadInputCreateOrg($input: CreateOrganizationMemberInput!) { createOrganizationMember(input: $input) { id } }`);
const UPDATE_PERSON = gql(`mutation MemberBadInputUpdatePerson($id: ID!, $input: UpdateIndividualMemberInput!) { updateIndividualMember(id: $id, input: $input) { id } }`);
const UPDATE_ORG = gql(`mutation MemberBadInputUpdateOrg($id: ID!, $input: UpdateOrganizationMemberInput!) { updateOrganizationMember(id: $id, input: $input) { id } }`);
const SELF = gql(`mutation MemberBadInputSelf($input: ContactDetailsInput!) { updateMyContactDetails(input: $input) { id } }`);
const ADD_CONTACT = gql(`mutation MemberBadInputAddContact($id: ID!, $input: ContactInput!) { addContact(memberId: $id, input: $input) { id } }`);

/** The tables a member mutation writes to, counted. */
const TABLES = ['members', 'persons', 'organizations', 'organization_contacts', 'audit_events', 'member_number_counters'];

describe('bad input to member mutations: BAD_USER_INPUT naming the field, nothing written', () => {
  let t: TestApp;
  let admin: string;
  let branch: Branch;
  let existing: Member;
  let org: Member;

  const person = (override: Partial<CreateIndividualMemberInput>): CreateIndividualMemberInput => ({
    familyName: '山田',
    givenName: '太郎',
    familyNameKana: 'ヤマダ',
    givenNameKana: 'タロウ',
    email: `new-${Math.random().toString(36).slice(2)}@example.jp`,
    phone: '03-1234-5678',
    postalCode: '160-0023',
    address: '東京都新宿区',
    branchId: branch.id,
    ...override,
  });
  const organization = (override: Partial<CreateOrganizationMemberInput>): CreateOrganizationMemberInput => ({
    name: '企業組合テスト',
    nameKana: 'キギョウクミアイテスト',
    corporateNumber: '1180301018771',
    representativeName: '代表 一郎',
    sizeTier: 'SMALL',
    branchId: branch.id,
    ...override,
  });

  async function snapshot(): Promise<string> {
    const counts = await Promise.all(TABLES.map((table) => t.db.query(`SELECT count(*)::int AS n, md5(string_agg(x::text, ',' ORDER BY x::text)) AS h FROM ${table} x`)));
    return JSON.stringify(counts);
  }

  async function expectRefused(res: GqlResult<unknown>, field: string): Promise<void> {
    expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const fields = res.errors?.[0].extensions.fields?.map((f) => f.field);
    if (fields) expect(fields).toContain(field);
    else expect(res.errors?.[0].message).toContain(`"${field}"`);
  }

  beforeAll(async () => {
    t = await TestApp.start();
    admin = (await t.signIn(Role.FEDERATION_ADMIN)).token;
    branch = await createBranch(t.app);
    existing = await createPerson(t.app, { branchId: branch.id, memberNumber: 'P0000777', email: 'taken@example.jp' });
    org = await createOrganization(t.app, { branchId: branch.id, corporateNumber: '7000012050002' });
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const personCases: [string, Partial<CreateIndividualMemberInput>, string][] = [
    ['a malformed e-mail', { email: 'taro@' }, 'input.email'],
    ['an e-mail with spaces inside', { email: 'ta ro@example.jp' }, 'input.email'],
    ['a postal code of 6 digits', { postalCode: '160-002' }, 'input.postalCode'],
    ['a postal code with letters', { postalCode: 'ABC-DEFG' }, 'input.postalCode'],
    ['a phone number too short', { phone: '03-1234-567' }, 'input.phone'],
    ['a phone number with letters', { phone: '090-CALL-ME00' }, 'input.phone'],
    ['hiragana in a kana field', { familyNameKana: 'やまだ' }, 'input.familyNameKana'],
    ['latin letters in a kana field', { givenNameKana: 'Taro' }, 'input.givenNameKana'],
    ['kanji in a kana field', { givenNameKana: '太郎' }, 'input.givenNameKana'],
    ['an empty kana field', { familyNameKana: '' }, 'input.familyNameKana'],
    ['an unknown branch', { branchId: '00000000-0000-4000-8000-000000000000' }, 'input.branchId'],
    ['a malformed branch id', { branchId: 'tokyo' }, 'input.branchId'],
    ['a duplicate e-mail (any case)', { email: 'Taken@Example.JP' }, 'input.email'],
    ['a duplicate member number', { memberNumber: 'P0000777' }, 'input.memberNumber'],
    ['a member number of the wrong kind', { memberNumber: 'O000777' }, 'input.memberNumber'],
    ['an over-long family name', { familyName: '山'.repeat(51) }, 'input.familyName'],
    ['an over-long kana name', { givenNameKana: 'タ'.repeat(51) }, 'input.givenNameKana'],
    ['an over-long address', { address: 'あ'.repeat(301) }, 'input.address'],
    ['an over-long e-mail', { email: `${'a'.repeat(250)}@example.jp` }, 'input.email'],
    ['an impossible joined date', { joinedOn: '2024-02-30' }, 'input.joinedOn'],
  ];
  /** Values of the wrong GraphQL type, which the schema itself refuses (so the input type cannot hold them). */
  const personWrongTypes: [string, Record<string, unknown>, string][] = [
    ['a number where text belongs', { email: 12345 }, 'input.email'],
    ['text where a boolean-free enum belongs', { status: 'SLEEPING' }, 'input.status'],
    ['an unknown field', { nickname: 'タロ' }, 'nickname'],
  ];

  for (const [what, override, field] of personCases) {
    it(`createIndividualMember refuses ${what} (${field})`, async () => {
      const before = await snapshot();
      const res = await t.gql(CREATE_PERSON, { input: person(override) }, { token: admin });
      await expectRefused(res, field);
      expect(await snapshot()).toBe(before);
    });
  }

  for (const [what, override, field] of personWrongTypes) {
    it(`createIndividualMember refuses ${what} (${field})`, async () => {
      const before = await snapshot();
      // Untyped: the variables are of the wrong type on purpose (the schema refuses them).
      const res = await t.gql<unknown>(CREATE_PERSON.text, { input: { ...person({}), ...override } }, { token: admin });
      await expectRefused(res, field);
      expect(await snapshot()).toBe(before);
    });
  }

  const orgCases: [string, Partial<CreateOrganizationMemberInput>, string][] = [
    ['a corporate number with a wrong check digit', { corporateNumber: '8000012050002' }, 'input.corporateNumber'],
    ['a corporate number of 12 digits', { corporateNumber: '000012050002' }, 'input.corporateNumber'],
    ['a duplicate corporate number', { corporateNumber: '７０００－０１２０－５０００２' }, 'input.corporateNumber'],
    ['hiragana in the kana name', { nameKana: 'きぎょうくみあい' }, 'input.nameKana'],
    ['a contact with a malformed e-mail', { contacts: [{ name: '担当', nameKana: 'タントウ', email: 'nope' }] }, 'input.contacts.0.email'],
    ['a contact with a latin kana name', { contacts: [{ name: '担当', nameKana: 'Tanto', email: 'tanto@example.jp' }] }, 'input.contacts.0.nameKana'],
    ['an unknown branch', { branchId: '00000000-0000-4000-8000-000000000000' }, 'input.branchId'],
    ['a duplicate e-mail', { email: 'taken@example.jp' }, 'input.email'],
    ['an over-long name', { name: '組'.repeat(201) }, 'input.name'],
  ];

  for (const [what, override, field] of orgCases) {
    it(`createOrganizationMember refuses ${what} (${field})`, async () => {
      const before = await snapshot();
      const res = await t.gql(CREATE_ORG, { input: organization(override) }, { token: admin });
      await expectRefused(res, field);
      expect(await snapshot()).toBe(before);
    });
  }

  it('an impossible date is explained in the caller’s language: the field, the form YYYY-MM-DD, an example', async () => {
    const en = await t.gql(CREATE_PERSON, { input: person({ joinedOn: '2024-02-30' }) }, { token: admin, locale: 'en' });
    expect(en.errors?.[0].extensions.fields).toEqual([{ field: 'input.joinedOn', messages: ['must be a date written YYYY-MM-DD, e.g. 2026-04-01'] }]);
    expect(en.errors?.[0].message).toBe('Invalid input.joinedOn: must be a date written YYYY-MM-DD, e.g. 2026-04-01');
    const ja = await t.gql(CREATE_PERSON, { input: person({ joinedOn: '2024/03/01' }) }, { token: admin, locale: 'ja' });
    expect(ja.errors?.[0].extensions.fields).toEqual([{ field: 'input.joinedOn', messages: ['日付は YYYY-MM-DD の形式で入力してください (例: 2026-04-01)'] }]);
  });

  it('createOrganizationMember refuses an unknown size tier (input.sizeTier)', async () => {
    const before = await snapshot();
    // Untyped: a value outside the enum on purpose (the schema refuses it).
    const res = await t.gql<unknown>(CREATE_ORG.text, { input: { ...organization({}), sizeTier: 'HUGE' } }, { token: admin });
    await expectRefused(res, 'input.sizeTier');
    expect(await snapshot()).toBe(before);
  });

  it('updates refuse the same bad values, naming the field, and change nothing', async () => {
    const other = await createPerson(t.app, { branchId: branch.id });
    const before = await snapshot();
    const personUpdates: [string, UpdateIndividualMemberInput, string][] = [
      [other.id, { email: 'bad@' }, 'input.email'],
      [other.id, { email: 'taken@example.jp' }, 'input.email'],
      [other.id, { postalCode: '12345678' }, 'input.postalCode'],
      [other.id, { phone: '12-3456-7890' }, 'input.phone'],
      [other.id, { familyNameKana: 'ﾔﾏﾀﾞ1' }, 'input.familyNameKana'],
      [other.id, { givenName: '名'.repeat(51) }, 'input.givenName'],
      ['not-an-id', { phone: '03-1234-5678' }, 'id'],
      [org.id, { phone: '03-1234-5678' }, 'id'],
    ];
    const orgUpdates: [string, UpdateOrganizationMemberInput, string][] = [
      [org.id, { corporateNumber: '1180301018772' }, 'input.corporateNumber'],
      [org.id, { nameKana: 'ワーカーズ・コープ東京' }, 'input.nameKana'],
    ];
    for (const [id, input, field] of personUpdates) await expectRefused(await t.gql(UPDATE_PERSON, { id, input }, { token: admin }), field);
    for (const [id, input, field] of orgUpdates) await expectRefused(await t.gql(UPDATE_ORG, { id, input }, { token: admin }), field);
    await expectRefused(await t.gql(ADD_CONTACT, { id: org.id, input: { name: '担当', nameKana: 'たんとう', email: 'x@example.jp' } }, { token: admin }), 'input.nameKana');
    await expectRefused(await t.gql(ADD_CONTACT, { id: org.id, input: { name: '担当', nameKana: 'タントウ', email: 'x@example', phone: '0' } }, { token: admin }), 'input.phone');
    expect(await snapshot()).toBe(before);
  });

  it('a member editing their own details gets the same field errors, and nothing changes', async () => {
    const me = await t.signIn(Role.MEMBER, { memberId: existing.id });
    const before = await snapshot();
    for (const [input, field] of [
      [{ email: 'me@@example.jp' }, 'input.email'],
      [{ postalCode: '1234' }, 'input.postalCode'],
      [{ phone: '+1 555 123 4567' }, 'input.phone'],
      [{ address: '住'.repeat(301) }, 'input.address'],
      [{ email: org.email }, 'input.email'],
    ] as const) {
      await expectRefused(await t.gql(SELF, { input }, { token: me.token }), field);
    }
    expect(await snapshot()).toBe(before);
  });

  it('accepts half-width katakana and stores it full-width (the positive control)', async () => {
    const res = await t.gql(CREATE_PERSON, { input: person({ familyNameKana: 'ﾀｶﾊｼ', givenNameKana: 'ｼﾞｭﾝ' }) }, { token: admin });
    expect(res.errors).toBeUndefined();
    const [row] = await t.db.query(`SELECT family_name_kana, given_name_kana FROM persons WHERE member_id = $1`, [res.data!.createIndividualMember.id]);
    expect(row).toEqual({ family_name_kana: 'タカハシ', given_name_kana: 'ジュン' });
  });

  it('names the field in Japanese too', async () => {
    const res = await t.gql(CREATE_PERSON, { input: person({ familyNameKana: 'やまだ' }) }, { token: admin, locale: 'ja' });
    expect(res.errors?.[0].extensions.fields).toEqual([{ field: 'input.familyNameKana', messages: ['カタカナで入力してください (例: ヤマダ)'] }]);
  });
});
