import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import type { Branch } from '#federation';
import type { Member } from '#members';
import { createBranch } from '../libs/testing/src/factories/branch.factory.js';
import { createOrganization, createPerson } from '../libs/testing/src/factories/member.factory.js';
import { gql } from './support/gql.js';
import { TestApp } from './support/test-app.js';

// The same member fields in each of the three documents (a typed document holds no `${}`).
const CREATE_PERSON = gql(`mutation CreateIndividualMemberRecord($input: CreateIndividualMemberInput!) { createIndividualMember(input: $input) {
  id kind memberNumber name nameKana email phone postalCode address status joinedOn branchId
  branch { code } person { familyName givenName familyNameKana givenNameKana }
  organization { corporateNumber representativeName representativeTitle sizeTier contacts { id name nameKana email isPrimary isBilling } } } }`);
const CREATE_ORG = gql(`mutation CreateOrganizationMemberRecord($input: CreateOrganizationMemberInput!) { createOrganizationMember(input: $input) {
  id kind memberNumber name nameKana email phone postalCode address status joinedOn branchId
  branch { code } person { familyName givenName familyNameKana givenNameKana }
  organization { corporateNumber representativeName representativeTitle sizeTier contacts { id name nameKana email isPrimary isBilling } } } }`);
const MEMBER = gql(`query MemberRecord($id: ID!) { member(id: $id) {
  id kind memberNumber name nameKana email phone postalCode address status joinedOn branchId
  branch { code } person { familyName givenName familyNameKana givenNameKana }
  organization { corporateNumber representativeName representativeTitle sizeTier contacts { id name nameKana email isPrimary isBilling } } } }`);
const LIST = gql(`query MemberIdsAndBranches($filter: MemberFilterInput) { members(first: 100, filter: $filter) { edges { node { id branchId } } } }`);
const TRANSFER = gql(`mutation TransferMemberBranch($input: TransferMemberInput!) { transferMember(input: $input) { id branchId branch { code } } }`);
const ADD_CONTACT = gql(`mutation AddContactFlags($id: ID!, $input: ContactInput!) { addContact(memberId: $id, input: $input) { organization { contacts { id name isPrimary isBilling } } } }`);
const ADD_CONTACT_ID = gql(`mutation AddContactId($id: ID!, $input: ContactInput!) { addContact(memberId: $id, input: $input) { id } }`);
const SET_PRIMARY = gql(`mutation SetPrimaryContactFlags($c: ID!) { setPrimaryContact(contactId: $c) { organization { contacts { id isPrimary isBilling } } } }`);
const SET_BILLING = gql(`mutation SetBillingContactFlags($c: ID!) { setBillingContact(contactId: $c) { organization { contacts { isBilling } } } }`);
const UPDATE_PERSON = gql(`mutation UpdateIndividualMemberNames($id: ID!, $input: UpdateIndividualMemberInput!) { updateIndividualMember(id: $id, input: $input) { name nameKana phone status } }`);
const UPDATE_PHONE = gql(`mutation UpdateIndividualMemberPhone($id: ID!) { updateIndividualMember(id: $id, input: { phone: "03-0000-0000" }) { id } }`);
const MY_MEMBER = gql(`query MyMemberSummary { myMember { id memberNumber name branch { code } } }`);
const MY_MEMBER_ID = gql(`query MyMemberId { myMember { id } }`);
const UPDATE_MY_CONTACT = gql(`mutation UpdateMyContactDetails($input: ContactDetailsInput!) { updateMyContactDetails(input: $input) { email phone postalCode address name status } }`);
const MEMBER_AUDIT = gql(`query MemberAuditEvents($id: String) { auditEvents(entityType: "Member", entityId: $id) { edges { node { action actorUserId before after } } } }`);

describe('members (会員)', () => {
  let t: TestApp;
  let a: Branch;
  let b: Branch;
  let admin: string;
  let aMember: Member;
  let bMember: Member;
  /** One user per member record (users.member_id is unique): sign each member in once. */
  const memberUsers = new Map<string, Promise<{ token: string; userId: string }>>();
  const signInMember = (memberId: string) => {
    if (!memberUsers.has(memberId)) memberUsers.set(memberId, t.signIn(Role.MEMBER, { memberId }));
    return memberUsers.get(memberId)!;
  };

  beforeAll(async () => {
    t = await TestApp.start({ now: new Date('2026-05-10T03:00:00Z') });
    a = await createBranch(t.app, { code: 'AAA' });
    b = await createBranch(t.app, { code: 'BBB' });
    admin = (await t.signIn(Role.FEDERATION_ADMIN)).token;
    aMember = await createPerson(t.app, { branchId: a.id });
    bMember = await createPerson(t.app, { branchId: b.id });
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  describe('registration', () => {
    it('registers an individual member with normalized kana, postal code and phone, a fresh member number and an audit event', async () => {
      const treasurer = await t.signIn(Role.BRANCH_TREASURER, { branchIds: [a.id] });
      const res = await t.gql(
        CREATE_PERSON,
        {
          input: {
            familyName: '渡辺',
            givenName: '直子',
            familyNameKana: 'ﾜﾀﾅﾍﾞ',
            givenNameKana: 'ナオコ',
            email: ' Naoko.Watanabe@Example.JP ',
            phone: '０９０－１１１１－２２２２',
            postalCode: '〒160-0023',
            address: '東京都新宿区西新宿2-8-1',
            branchId: a.id,
          },
        },
        { token: treasurer.token },
      );
      expect(res.errors).toBeUndefined();
      const m = res.data!.createIndividualMember;
      expect(m).toMatchObject({
        kind: 'PERSON',
        name: '渡辺 直子',
        nameKana: 'ワタナベ ナオコ',
        email: 'naoko.watanabe@example.jp',
        phone: '090-1111-2222',
        postalCode: '1600023',
        status: 'ACTIVE',
        joinedOn: '2026-05-10',
        branch: { code: 'AAA' },
        person: { familyName: '渡辺', givenName: '直子', familyNameKana: 'ワタナベ', givenNameKana: 'ナオコ' },
        organization: null,
      });
      expect(m.memberNumber).toMatch(/^P\d{7}$/);
      const [event] = await t.db.query(`SELECT action, actor_user_id, branch_id, after FROM audit_events WHERE entity_id = $1`, [m.id]);
      expect(event).toMatchObject({ action: 'member.create', actor_user_id: treasurer.userId, branch_id: a.id });
      expect(event.after).toMatchObject({ memberNumber: m.memberNumber, email: 'naoko.watanabe@example.jp' });
    });

    it('assigns unique, increasing member numbers and keeps a legacy number given explicitly (the counter moves past it)', async () => {
      const first = await createPerson(t.app, { branchId: a.id });
      const legacy = await createPerson(t.app, { branchId: a.id, memberNumber: 'P0500000' });
      const next = await createPerson(t.app, { branchId: a.id });
      expect(legacy.memberNumber).toBe('P0500000');
      expect(next.memberNumber).toBe('P0500001');
      expect(first.memberNumber < legacy.memberNumber).toBe(true);
    });

    it('registers an organizational member with a verified corporate number and contacts (first one primary and billing)', async () => {
      const res = await t.gql(
        CREATE_ORG,
        {
          input: {
            name: '企業組合ワーカーズコープ京都',
            nameKana: 'ｷｷﾞｮｳｸﾐｱｲ ﾜｰｶｰｽﾞｺｰﾌﾟ ｷｮｳﾄ',
            corporateNumber: '7000012050002',
            representativeName: '中村 誠',
            representativeTitle: '代表理事',
            sizeTier: 'MEDIUM',
            branchId: a.id,
            contacts: [
              { name: '小林 恵', nameKana: 'コバヤシ メグミ', email: 'megumi@example.jp' },
              { name: '加藤 翔', nameKana: 'カトウ ショウ', email: 'sho@example.jp', isBilling: true },
            ],
          },
        },
        { token: admin },
      );
      expect(res.errors).toBeUndefined();
      const m = res.data!.createOrganizationMember;
      expect(m.memberNumber).toMatch(/^O\d{6}$/);
      expect(m.nameKana).toBe('キギョウクミアイ ワーカーズコープ キョウト');
      expect(m.organization).toMatchObject({ corporateNumber: '7000012050002', sizeTier: 'MEDIUM', representativeTitle: '代表理事' });
      expect(m.organization!.contacts.map((c) => [c.name, c.isPrimary, c.isBilling])).toEqual([
        ['小林 恵', true, false],
        ['加藤 翔', false, true],
      ]);
    });
  });

  describe('contacts of an organization', () => {
    it('adds a contact, moves the primary and billing flags, and audits each change', async () => {
      const org = await createOrganization(t.app, { branchId: a.id });
      const added = await t.gql(
        ADD_CONTACT,
        { id: org.id, input: { name: '新 担当', nameKana: 'ｼﾝ ﾀﾝﾄｳ', email: 'new@example.jp' } },
        { token: admin },
      );
      const contacts = added.data!.addContact.organization!.contacts;
      expect(contacts.map((c) => [c.isPrimary, c.isBilling])).toEqual([
        [true, true],
        [false, false],
      ]);
      const newId = contacts[1].id;
      const primary = await t.gql(SET_PRIMARY, { c: newId }, { token: admin });
      expect(primary.data!.setPrimaryContact.organization!.contacts.map((c) => [c.id === newId, c.isPrimary, c.isBilling])).toEqual([
        [false, false, true],
        [true, true, false],
      ]);
      const billing = await t.gql(SET_BILLING, { c: newId }, { token: admin });
      expect(billing.data!.setBillingContact.organization!.contacts.map((c) => c.isBilling)).toEqual([false, true]);
      const actions = await t.db.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`, [org.id]);
      expect(actions.map((r: { action: string }) => r.action)).toEqual(['member.create', 'member.contact.add', 'member.contact.setPrimary', 'member.contact.setBilling']);
    });

    it('refuses contacts on an individual member', async () => {
      const res = await t.gql(
        ADD_CONTACT_ID,
        { id: aMember.id, input: { name: '誰か', nameKana: 'ダレカ', email: 'who@example.jp' } },
        { token: admin },
      );
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MEMBER_WRONG_KIND' });
    });
  });

  describe('editing', () => {
    it('updates names (recomputing the search keys) and contact details, auditing before and after', async () => {
      const m = await createPerson(t.app, { branchId: a.id });
      const res = await t.gql(
        UPDATE_PERSON,
        { id: m.id, input: { familyName: '石川', familyNameKana: 'ｲｼｶﾜ', phone: '03-9999-0000', status: 'SUSPENDED' } },
        { token: admin },
      );
      expect(res.data!.updateIndividualMember).toEqual({ name: `石川 ${m.person!.givenName}`, nameKana: `イシカワ ${m.person!.givenNameKana}`, phone: '03-9999-0000', status: 'SUSPENDED' });
      const [event] = await t.db.query(`SELECT before, after FROM audit_events WHERE entity_id = $1 AND action = 'member.update'`, [m.id]);
      expect(event.before).toMatchObject({ familyName: m.person!.familyName, phone: m.phone, status: 'ACTIVE' });
      expect(event.after).toMatchObject({ familyName: '石川', phone: '03-9999-0000', status: 'SUSPENDED' });
      const found = await t.gql(LIST, { filter: { name: 'いしかわ' } }, { token: admin });
      expect(found.data!.members.edges.map((e) => e.node.id)).toContain(m.id);
    });

    it('an auditor reads every branch but changes nothing', async () => {
      const auditor = await t.signIn(Role.AUDITOR);
      const list = await t.gql(LIST, {}, { token: auditor.token });
      const branches = new Set(list.data!.members.edges.map((e) => e.node.branchId));
      expect(branches).toEqual(new Set([a.id, b.id]));
      const res = await t.gql(UPDATE_PHONE, { id: aMember.id }, { token: auditor.token });
      expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
    });
  });

  describe('branch scope', () => {
    it('branch staff list only their branch’s members, and cannot filter on another branch', async () => {
      for (const role of [Role.BRANCH_ADMIN, Role.BRANCH_TREASURER]) {
        const staff = await t.signIn(role, { branchIds: [a.id] });
        const list = await t.gql(LIST, {}, { token: staff.token });
        const ids = list.data!.members.edges.map((e) => e.node.id);
        expect(ids).toContain(aMember.id);
        expect(ids).not.toContain(bMember.id);
        expect(list.data!.members.edges.every((e) => e.node.branchId === a.id)).toBe(true);
        const other = await t.gql(LIST, { filter: { branchId: b.id } }, { token: staff.token });
        expect(other.errors?.[0].extensions.code).toBe('FORBIDDEN');
        const byEmail = await t.gql(LIST, { filter: { email: bMember.email } }, { token: staff.token });
        expect(byEmail.data!.members.edges).toEqual([]);
      }
    });

    it('branch staff cannot read, edit, transfer or add contacts to another branch’s member by id', async () => {
      const staff = await t.signIn(Role.BRANCH_ADMIN, { branchIds: [a.id] });
      const read = await t.gql(MEMBER, { id: bMember.id }, { token: staff.token });
      expect(read.errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect(read.data).toBeNull();
      const edit = await t.gql(UPDATE_PHONE, { id: bMember.id }, { token: staff.token });
      expect(edit.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const move = await t.gql(TRANSFER, { input: { memberId: bMember.id, toBranchId: a.id } }, { token: staff.token });
      expect(move.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const create = await t.gql(CREATE_PERSON, { input: { familyName: '他', givenName: '支部', familyNameKana: 'タ', givenNameKana: 'シブ', email: 'other-branch@example.jp', branchId: b.id } }, { token: staff.token });
      expect(create.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const [row] = await t.db.query(`SELECT phone, branch_id FROM members WHERE id = $1`, [bMember.id]);
      expect(row).toEqual({ phone: bMember.phone, branch_id: b.id });
      expect(await t.db.query(`SELECT 1 FROM members WHERE email = 'other-branch@example.jp'`)).toEqual([]);
    });

    it('a member sees only their own record', async () => {
      const me = await signInMember(aMember.id);
      expect((await t.gql(MEMBER, { id: aMember.id }, { token: me.token })).data!.member.id).toBe(aMember.id);
      expect((await t.gql(MEMBER, { id: bMember.id }, { token: me.token })).errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect((await t.gql(LIST, {}, { token: me.token })).errors?.[0].extensions.code).toBe('FORBIDDEN');
    });
  });

  describe('self-service', () => {
    it('a member reads and edits their own contact details, audited; nothing else about them changes', async () => {
      const mine = await createPerson(t.app, { branchId: b.id });
      const me = await signInMember(mine.id);
      const read = await t.gql(MY_MEMBER, {}, { token: me.token });
      expect(read.data!.myMember).toEqual({ id: mine.id, memberNumber: mine.memberNumber, name: mine.name, branch: { code: 'BBB' } });
      const res = await t.gql(
        UPDATE_MY_CONTACT,
        { input: { email: 'Me.New@Example.jp', phone: '080-1234-0000', postalCode: '530-0001', address: '大阪府大阪市北区梅田1-1' } },
        { token: me.token },
      );
      expect(res.data!.updateMyContactDetails).toEqual({ email: 'me.new@example.jp', phone: '080-1234-0000', postalCode: '5300001', address: '大阪府大阪市北区梅田1-1', name: mine.name, status: 'ACTIVE' });
      const [event] = await t.db.query(`SELECT action, actor_user_id, before, after FROM audit_events WHERE entity_id = $1 AND action = 'member.update.self'`, [mine.id]);
      expect(event).toMatchObject({ actor_user_id: me.userId, before: { email: mine.email }, after: { email: 'me.new@example.jp' } });
    });

    it('a member cannot smuggle other fields into their contact details nor edit through staff mutations', async () => {
      const me = await signInMember(aMember.id);
      const res = await t.gql(`mutation { updateMyContactDetails(input: { status: WITHDRAWN }) { id } }`, {}, { token: me.token });
      expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      const staff = await t.gql(UPDATE_PHONE, { id: aMember.id }, { token: me.token });
      expect(staff.errors?.[0].extensions.code).toBe('FORBIDDEN');
    });

    it('staff, who sign in without a member record, are refused myMember', async () => {
      const staff = await t.signIn(Role.AUDITOR);
      expect((await t.gql(MY_MEMBER_ID, {}, { token: staff.token })).errors?.[0].extensions.code).toBe('FORBIDDEN');
    });
  });

  describe('transfer (転籍)', () => {
    it('the source branch’s admin moves a member; the move is audited', async () => {
      const m = await createPerson(t.app, { branchId: a.id });
      const aAdmin = await t.signIn(Role.BRANCH_ADMIN, { branchIds: [a.id] });
      const res = await t.gql(TRANSFER, { input: { memberId: m.id, toBranchId: b.id, reason: '転居のため' } }, { token: aAdmin.token });
      expect(res.errors).toBeUndefined();
      expect(res.data!.transferMember).toEqual({ id: m.id, branchId: b.id, branch: { code: 'BBB' } });
      const audit = await t.gql(
        MEMBER_AUDIT,
        { id: m.id },
        { token: admin },
      );
      expect(audit.data!.auditEvents.edges[0].node).toEqual({
        action: 'member.transfer',
        actorUserId: aAdmin.userId,
        before: { branchId: a.id, branchCode: 'AAA', reason: null },
        after: { branchId: b.id, branchCode: 'BBB', reason: '転居のため' },
      });
      // Now a member of B: A's admin no longer sees them.
      expect((await t.gql(MEMBER, { id: m.id }, { token: aAdmin.token })).errors?.[0].extensions.code).toBe('FORBIDDEN');
    });

    it('a treasurer cannot transfer, nor can the target branch’s admin pull a member in', async () => {
      const m = await createPerson(t.app, { branchId: a.id });
      const treasurer = await t.signIn(Role.BRANCH_TREASURER, { branchIds: [a.id] });
      expect((await t.gql(TRANSFER, { input: { memberId: m.id, toBranchId: b.id } }, { token: treasurer.token })).errors?.[0].extensions.code).toBe('FORBIDDEN');
      const bAdmin = await t.signIn(Role.BRANCH_ADMIN, { branchIds: [b.id] });
      expect((await t.gql(TRANSFER, { input: { memberId: m.id, toBranchId: b.id } }, { token: bAdmin.token })).errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect((await t.db.query(`SELECT branch_id FROM members WHERE id = $1`, [m.id]))[0].branch_id).toBe(a.id);
    });

    it('refuses an unknown target branch and the member’s own branch', async () => {
      const unknown = await t.gql(TRANSFER, { input: { memberId: aMember.id, toBranchId: '00000000-0000-4000-8000-000000000000' } }, { token: admin });
      expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.toBranchId' }] });
      const same = await t.gql(TRANSFER, { input: { memberId: aMember.id, toBranchId: a.id } }, { token: admin });
      expect(same.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ALREADY_IN_BRANCH' });
    });
  });

  it('speaks Japanese when asked', async () => {
    const staff = await t.signIn(Role.BRANCH_ADMIN, { branchIds: [a.id] });
    const res = await t.gql(MEMBER, { id: bMember.id }, { token: staff.token, locale: 'ja' });
    expect(res.errors?.[0].message).toBe('この会員のデータを扱う権限がありません');
  });
});
