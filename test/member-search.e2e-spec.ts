import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import type { Branch } from '#federation';
import { MemberStatus, type Member } from '#members';
import { createBranch } from '../libs/testing/src/factories/branch.factory.js';
import { createOrganization, createPerson } from '../libs/testing/src/factories/member.factory.js';
import { countQueries } from '../libs/testing/src/query-counter.js';
import { gql, type ResultOf } from './support/gql.js';
import type { MemberFilterInput, MemberSort, OrganizationSizeTier } from './support/schema-types.js';
import { TestApp, type GqlResult } from './support/test-app.js';

const SEARCH = gql(`query MemberSearch($filter: MemberFilterInput, $sort: MemberSort, $direction: SortDirection, $first: Int, $after: String) {
  members(filter: $filter, sort: $sort, direction: $direction, first: $first, after: $after) {
    edges { cursor node { id memberNumber name } } pageInfo { hasNextPage endCursor } } }`);
/** The page of numbers and names whose SQL is inspected. */
const NUMBERS_AND_NAMES = gql(`query MemberNumbersAndNames { members(first: 5, filter: { name: "山田太郎" }) { edges { node { memberNumber name } } } }`);
/** Named fragments, which the generated types do not cover (scripts/schema-types.ts): the result typed by hand. */
type FragmentsAndAliases = {
  members: {
    edges: {
      node: {
        number: string;
        joinedOn: string;
        createdAt: string;
        person: { familyName: string; givenNameKana: string } | null;
        organization: { sizeTier: OrganizationSizeTier } | null;
        email: string | null;
        address: string | null;
      };
    }[];
  };
};
const KANA_PAGE = gql(`query MemberKanaPage($after: String) { members(first: 3, sort: NAME_KANA, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } }`);
const JOINED_PAGE = gql(`query MemberJoinedOnPage($after: String) { members(first: 3, sort: JOINED_ON, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } }`);

describe('member search (会員検索)', () => {
  let t: TestApp;
  let admin: string;
  let east: Branch;
  let west: Branch;
  const m: Record<string, Member> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    admin = (await t.signIn(Role.FEDERATION_ADMIN)).token;
    east = await createBranch(t.app, { code: 'EAST' });
    west = await createBranch(t.app, { code: 'WEST' });
    const person = (key: string, f: string, g: string, fk: string, gk: string, branch: Branch, extra: Record<string, unknown> = {}) =>
      createPerson(t.app, { familyName: f, givenName: g, familyNameKana: fk, givenNameKana: gk, branchId: branch.id, ...extra }).then((x) => (m[key] = x));
    await person('yamadaTaro', '山田', '太郎', 'ヤマダ', 'タロウ', east, { email: 'taro.yamada@example.jp', joinedOn: '2019-04-01' });
    await person('yamadaHanako', '山田', '花子', 'ヤマダ', 'ハナコ', west, { email: 'hanako@example.jp', joinedOn: '2021-10-01' });
    await person('yamaguchi', '山口', '健', 'ヤマグチ', 'ケン', east, { email: 'ken@example.com', status: MemberStatus.LAPSED, joinedOn: '2015-01-15' });
    await person('satoTaro', '佐藤', '太郎', 'サトウ', 'タロウ', west, { email: 'sato@example.com', joinedOn: '2023-06-30' });
    await person('saito', '齋藤', 'さくら', 'サイトウ', 'サクラ', east, { email: 'sakura@example.org', joinedOn: '2019-04-01' });
    m.coop = await createOrganization(t.app, { name: '企業組合ワーカーズコープ山田', nameKana: 'キギョウクミアイ ワーカーズコープ ヤマダ', branchId: east.id, joinedOn: '2010-04-01' });
    for (let i = 0; i < 14; i++) {
      await person(`filler${i}`, '中村', `${'一二三四五六七八九十'[i % 10]}郎${i}`, 'ナカムラ', `${['イチ', 'ニ', 'サブ', 'シ', 'ゴ', 'ロク', 'シチ'][i % 7]}ロウ`, i % 2 ? east : west, {
        joinedOn: `20${10 + i}-0${1 + (i % 9)}-1${i % 10}`,
      });
    }
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const names = async (filter: MemberFilterInput, token = admin) => {
    const res = await t.gql(SEARCH, { filter, first: 100 }, { token });
    expect(res.errors).toBeUndefined();
    return res.data!.members.edges.map((e) => e.node.id).sort();
  };
  const ids = (...keys: string[]) => keys.map((k) => m[k].id).sort();

  describe('by name', () => {
    it('finds a family name in kanji, and a full name with or without the space', async () => {
      expect(await names({ name: '山田' })).toEqual(ids('yamadaTaro', 'yamadaHanako'));
      expect(await names({ name: '山田太郎' })).toEqual(ids('yamadaTaro'));
      expect(await names({ name: '山田　太郎' })).toEqual(ids('yamadaTaro'));
      expect(await names({ name: '山' })).toEqual(ids('yamadaTaro', 'yamadaHanako', 'yamaguchi'));
    });

    it('finds katakana names from full-width, half-width and hiragana queries alike', async () => {
      for (const q of ['ヤマダ', 'ﾔﾏﾀﾞ', 'やまだ', 'ﾔﾏﾀﾞ ﾀﾛｳ']) {
        const found = await names({ name: q });
        expect(found).toEqual(q.includes('ﾀﾛｳ') ? ids('yamadaTaro') : ids('yamadaTaro', 'yamadaHanako'));
      }
      expect(await names({ name: 'ﾔﾏ' })).toEqual(ids('yamadaTaro', 'yamadaHanako', 'yamaguchi'));
    });

    it('finds a given name alone, in kanji, kana or hiragana', async () => {
      expect(await names({ name: '太郎' })).toEqual(ids('yamadaTaro', 'satoTaro'));
      expect(await names({ name: 'ﾀﾛｳ' })).toEqual(ids('yamadaTaro', 'satoTaro'));
      expect(await names({ name: 'さくら' })).toEqual(ids('saito'));
    });

    it('finds an organization by its name with or without the legal form, in kanji or kana', async () => {
      for (const q of ['企業組合ワーカーズ', 'ワーカーズコープ', 'ｷｷﾞｮｳｸﾐｱｲ', 'ﾜｰｶｰｽﾞｺｰﾌﾟﾔﾏﾀﾞ']) expect(await names({ name: q })).toEqual(ids('coop'));
    });

    it('treats LIKE wildcards in a query literally', async () => {
      expect(await names({ name: '%' })).toEqual([]);
      expect(await names({ name: '_田' })).toEqual([]);
    });

    it('refuses a query with nothing to search for', async () => {
      const res = await t.gql(SEARCH, { filter: { name: '　 ' } }, { token: admin });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'filter.name' }] });
    });
  });

  it('finds by member number, whole or its beginning, in any case and width', async () => {
    const n = m.yamaguchi.memberNumber;
    expect(await names({ memberNumber: n })).toEqual(ids('yamaguchi'));
    expect(await names({ memberNumber: n.toLowerCase().replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) })).toEqual(ids('yamaguchi'));
    const prefix = await names({ memberNumber: 'O' });
    expect(prefix).toEqual(ids('coop'));
  });

  it('finds by e-mail address or its beginning, case-insensitively', async () => {
    expect(await names({ email: 'Taro.Yamada@Example.JP' })).toEqual(ids('yamadaTaro'));
    expect(await names({ email: 'sa' })).toEqual(ids('satoTaro', 'saito'));
  });

  it('filters by branch, status and kind, and combines criteria', async () => {
    const eastIds = (await t.db.query(`SELECT id FROM members WHERE branch_id = $1`, [east.id])).map((r: { id: string }) => r.id).sort();
    expect(await names({ branchId: east.id })).toEqual(eastIds);
    expect(await names({ status: 'LAPSED' })).toEqual(ids('yamaguchi'));
    expect(await names({ kind: 'ORGANIZATION' })).toEqual(ids('coop'));
    expect(await names({ name: 'ヤマ', branchId: east.id, kind: 'PERSON' })).toEqual(ids('yamadaTaro', 'yamaguchi'));
    expect(await names({ name: 'ヤマ', status: 'ACTIVE', branchId: west.id })).toEqual(ids('yamadaHanako'));
  });

  it('applies branch scope under every criterion', async () => {
    const westStaff = await t.signIn(Role.BRANCH_TREASURER, { branchIds: [west.id] });
    expect(await names({ name: '山田' }, westStaff.token)).toEqual(ids('yamadaHanako'));
    expect(await names({ memberNumber: m.yamadaTaro.memberNumber }, westStaff.token)).toEqual([]);
    const both = await t.signIn(Role.BRANCH_ADMIN, { branchIds: [west.id, east.id] });
    expect(await names({ name: '山田' }, both.token)).toEqual(ids('yamadaTaro', 'yamadaHanako'));
  });

  describe('keyset pages', () => {
    const orders: [MemberSort, string][] = [
      ['MEMBER_NUMBER', 'member_number'],
      ['NAME_KANA', 'kana_key, id'],
      ['JOINED_ON', 'joined_on, id'],
    ];
    for (const [sort, orderBy] of orders) {
      for (const direction of ['ASC', 'DESC'] as const) {
        it(`walk every member once, in order, sorted by ${sort} ${direction}`, async () => {
          const order = orderBy.split(', ').map((c) => `${c} ${direction}`).join(', ');
          const expected = (await t.db.query(`SELECT id FROM members ORDER BY ${order}`)).map((r: { id: string }) => r.id);
          const seen: string[] = [];
          let after: string | null = null;
          let pages = 0;
          do {
            const res: GqlResult<ResultOf<typeof SEARCH>> = await t.gql(SEARCH, { sort, direction, first: 3, after }, { token: admin });
            expect(res.errors).toBeUndefined();
            seen.push(...res.data!.members.edges.map((e) => e.node.id));
            after = res.data!.members.pageInfo.hasNextPage ? res.data!.members.pageInfo.endCursor : null;
            pages++;
          } while (after && pages < 50);
          expect(seen).toEqual(expected);
          expect(new Set(seen).size).toBe(seen.length);
        });
      }
    }

    for (const [sort, orderBy] of orders) {
      for (const direction of ['ASC', 'DESC'] as const) {
        it(`walk a name search once, in order, sorted by ${sort} ${direction}`, async () => {
          const order = orderBy.split(', ').map((c) => `${c} ${direction}`).join(', ');
          const expected = (await t.db.query(`SELECT id FROM members WHERE kana_key LIKE 'ナカムラ%' OR name_key LIKE 'ナカムラ%' ORDER BY ${order}`)).map((r: { id: string }) => r.id);
          const seen: string[] = [];
          let after: string | null = null;
          do {
            const res: GqlResult<ResultOf<typeof SEARCH>> = await t.gql(SEARCH, { filter: { name: 'ﾅｶﾑﾗ' }, sort, direction, first: 4, after }, { token: admin });
            seen.push(...res.data!.members.edges.map((e) => e.node.id));
            after = res.data!.members.pageInfo.hasNextPage ? res.data!.members.pageInfo.endCursor : null;
          } while (after && seen.length < 100);
          expect(seen).toEqual(expected);
          expect(expected).toHaveLength(14);
        });
      }
    }

    it('pages a filtered list without overlap or gap', async () => {
      const all = await names({ name: 'ナカムラ' });
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const res: GqlResult<ResultOf<typeof SEARCH>> = await t.gql(SEARCH, { filter: { name: 'ﾅｶﾑﾗ' }, sort: 'NAME_KANA', first: 4, after }, { token: admin });
        seen.push(...res.data!.members.edges.map((e) => e.node.id));
        after = res.data!.members.pageInfo.hasNextPage ? res.data!.members.pageInfo.endCursor : null;
      } while (after);
      expect(seen.sort()).toEqual(all);
      expect(all.length).toBe(14);
    });

    it('refuses a cursor that is not from this list', async () => {
      const res = await t.gql(SEARCH, { after: 'garbage' }, { token: admin });
      expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('reads only the columns the query shows', () => {
    it('a page of numbers and names reads no timestamps, addresses or details, and answers the same', async () => {
      const counter = countQueries(t.db);
      const res = await t.gql(NUMBERS_AND_NAMES, {}, { token: admin });
      counter.stop();
      expect(res.errors).toBeUndefined();
      expect(res.data!.members.edges).toEqual([{ node: { memberNumber: m.yamadaTaro.memberNumber, name: m.yamadaTaro.name } }]);
      const page = counter.work.filter((sql) => /FROM u JOIN members m/.test(sql));
      expect(page).toHaveLength(1);
      expect(page[0]).toMatch(/m\.member_number AS "memberNumber"/);
      expect(page[0]).not.toMatch(/created_at|m\.address|p\.family_name|o\.size_tier/);
    });

    it('fields asked for through fragments and aliases are read too', async () => {
      const res = await t.gql<FragmentsAndAliases>(
        `query { members(first: 5, filter: { name: "山田太郎" }) { edges { node { number: memberNumber ...Dates ...Details email address } } } } fragment Dates on Member { joinedOn createdAt } fragment Details on Member { ... on Member { person { familyName givenNameKana } organization { sizeTier } } }`,
        {},
        { token: admin },
      );
      expect(res.errors).toBeUndefined();
      const [{ node }] = res.data!.members.edges;
      expect(node).toEqual({
        number: m.yamadaTaro.memberNumber,
        joinedOn: '2019-04-01',
        createdAt: new Date(m.yamadaTaro.createdAt).toISOString(),
        person: { familyName: '山田', givenNameKana: 'タロウ' },
        organization: null,
        email: 'taro.yamada@example.jp',
        address: m.yamadaTaro.address,
      });
    });

    it('pages by a cursor the selection does not show (kana order, joined on)', async () => {
      for (const document of [KANA_PAGE, JOINED_PAGE]) {
        const page = (after: string | null) => t.gql(document, { after }, { token: admin });
        const first = await page(null);
        const second = await page(first.data!.members.pageInfo.endCursor);
        expect(second.errors).toBeUndefined();
        const names = [...first.data!.members.edges, ...second.data!.members.edges].map((e) => e.node.name);
        expect(new Set(names).size).toBe(6);
      }
    });
  });
});

describe('member lists batch their nested fields (no N+1)', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await TestApp.start();
    admin = (await t.signIn(Role.FEDERATION_ADMIN)).token;
    const branches: Branch[] = [];
    for (let i = 0; i < 5; i++) branches.push(await createBranch(t.app));
    for (let i = 0; i < 45; i++) await createPerson(t.app, { branchId: branches[i % 5].id });
    for (let i = 0; i < 5; i++) await createOrganization(t.app, { branchId: branches[i].id });
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const PAGE = gql(`query MemberPageWithBranchAndContacts($first: Int!) { members(first: $first, sort: NAME_KANA) { edges { node {
    id memberNumber name nameKana email status branch { code nameJa } person { familyName }
    organization { corporateNumber contacts { name email isPrimary } } } } } }`);

  it('a 50-member page with branch and contacts runs a fixed, small number of SQL statements', async () => {
    const counter = countQueries(t.db);
    const res = await t.gql(PAGE, { first: 50 }, { token: admin });
    counter.stop();
    expect(res.errors).toBeUndefined();
    expect(res.data!.members.edges).toHaveLength(50);
    expect(new Set(res.data!.members.edges.map((e) => e.node.branch.code)).size).toBe(5);
    // At most: the actor, the page (members with persons and organizations), the branches, the contacts.
    expect(counter.work.length).toBeLessThanOrEqual(4);

    // Again: the actor and the branches come from the process's caches: the page and the contacts.
    const again = countQueries(t.db);
    await t.gql(PAGE, { first: 50 }, { token: admin });
    again.stop();
    expect(again.work).toHaveLength(2);
    expect(again.work.some((s) => /FROM members m/.test(s))).toBe(true);
    expect(again.work.some((s) => /organization_contacts/.test(s))).toBe(true);

    const small = countQueries(t.db);
    await t.gql(PAGE, { first: 10 }, { token: admin });
    small.stop();
    expect(small.work.length).toBeLessThanOrEqual(counter.work.length);
  });
});
