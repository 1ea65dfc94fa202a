import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { Role } from '#auth';
import { createBranch } from '../libs/testing/src/factories/branch.factory.js';
import { createOrganization, createPerson } from '../libs/testing/src/factories/member.factory.js';
import { gql } from './support/gql.js';
import { runCli } from './support/run-cli.js';
import { TestApp } from './support/test-app.js';

const SEARCH_TAKAHASHI = gql(`query MemberImportSearchTakahashi { members(filter: { name: "ﾀｶﾊｼ" }) { edges { node { name branch { code } } } } }`);

const HEADER = '会員番号,姓,名,セイ,メイ,メールアドレス,電話番号,郵便番号,住所,支部コード,入会日,状態';

/** Rows 2…10 as a spreadsheet numbers them (the header is row 1). */
const UTF8_ROWS = [
  'P0100001,山田,太郎,ﾔﾏﾀﾞ,ﾀﾛｳ,taro@example.jp,03-1111-2222,160-0023,"東京都新宿区西新宿1-1, 101号",TKY,2020/4/1,有効', // 2 ok
  ',佐藤,花子,サトウ,ハナコ,Hanako@Example.jp,090-1234-5678,1600023,東京都新宿区,tky,2021/10/1,', // 3 ok
  ',鈴木,一郎,すずき,イチロウ,ichiro@example.jp,,,,TKY,,', // 4 hiragana セイ
  ',高橋,美咲,タカハシ,ミサキ,not-an-email,,,,TKY,,', // 5 e-mail
  ',田中,健,タナカ,ケン,ken@example.jp,,12345,,TKY,,', // 6 postal code
  ',伊藤,誠,イトウ,マコト,makoto@example.jp,,,,XXX,,', // 7 unknown branch
  ',渡辺,直子,ワタナベ,ナオコ,taro@example.jp,,,,TKY,,', // 8 same e-mail as row 2
  ',中村,陽子,ナカムラ,ヨウコ,yoko@example.jp,03-12,,,TKY,2024/2/30,休会', // 9 phone and date
  ',小林,翔,コバヤシ,ショウ,sho@example.jp,,,,OSK,2019-01-01,退会', // 10 ok
];

const SJIS_ROWS = [
  ',髙橋,健一,ﾀｶﾊｼ,ｹﾝｲﾁ,kenichi@example.jp,06-1234-5678,530-0001,大阪府大阪市北区梅田1-1,OSK,2018/4/1,', // 2 ok (髙 is CP932-only)
  ',斎藤,美穂,ｻｲﾄｳ,ﾐﾎ,miho@example.jp,,,,OSK,,', // 3 ok
  ',吉田,大輔,ﾖｼﾀﾞ,Daisuke,daisuke@example.jp,,,,OSK,,', // 4 latin メイ
  ',別人,花子,ベツジン,ハナコ,hanako@example.jp,,,,OSK,,', // 5 e-mail of 佐藤花子 (already imported)
  'P0100001,別人,太郎,ベツジン,タロウ,other@example.jp,,,,OSK,,', // 6 member number of 山田太郎
  'P0000042,既存,会員,キゾン,カイイン,existing@example.jp,,,,OSK,,', // 7 already registered by hand: unchanged
];

describe('member CSV import (members:import)', () => {
  let t: TestApp;
  let dir: string;

  const snapshot = async () =>
    JSON.stringify(await Promise.all(['members', 'persons', 'audit_events', 'member_number_counters'].map((tb) => t.db.query(`SELECT count(*)::int AS n, md5(string_agg(x::text, ',' ORDER BY x::text)) AS h FROM ${tb} x`))));

  beforeAll(async () => {
    t = await TestApp.start({ now: new Date('2026-06-01T00:00:00Z') });
    dir = mkdtempSync(join(tmpdir(), 'rentai-import-'));
    await createBranch(t.app, { code: 'TKY' });
    const osk = await createBranch(t.app, { code: 'OSK' });
    await createPerson(t.app, { branchId: osk.id, memberNumber: 'P0000042', familyName: '既存', givenName: '会員', familyNameKana: 'キゾン', givenNameKana: 'カイイン', email: 'existing@example.jp' });
  }, 120_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('imports the valid rows of a UTF-8 file (with BOM) and reports each rejected row with its column and reason', async () => {
    const file = join(dir, 'members-utf8.csv');
    writeFileSync(file, `\uFEFF${[HEADER, ...UTF8_ROWS].join('\r\n')}\r\n`, 'utf8');
    const reportFile = join(dir, 'rejected.csv');
    const run = await runCli(t.app, ['members:import', file, '--report', reportFile, '--lang', 'en']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Member CSV (UTF-8), 9 rows: 3 imported, 0 already present, 6 rejected');

    const report = readFileSync(reportFile, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(report[0]).toBe('row,column,reason');
    const problems = report.slice(1).map((l) => l.split(',').slice(0, 2).join(','));
    expect(problems).toEqual(['4,セイ', '5,メールアドレス', '6,郵便番号', '7,支部コード', '8,メールアドレス', '9,電話番号', '9,入会日']);
    expect(report.find((l) => l.startsWith('4,'))).toContain('katakana');
    expect(report.find((l) => l.startsWith('8,'))).toContain('row 2');

    const rows = await t.db.query(
      `SELECT m.member_number, m.name, m.name_kana, m.email, m.postal_code, m.address, m.status, m.joined_on::text, b.code
         FROM members m JOIN branches b ON b.id = m.branch_id WHERE m.email <> 'existing@example.jp' ORDER BY m.member_number`,
    );
    expect(rows).toEqual([
      { member_number: 'P0100001', name: '山田 太郎', name_kana: 'ヤマダ タロウ', email: 'taro@example.jp', postal_code: '1600023', address: '東京都新宿区西新宿1-1, 101号', status: 'ACTIVE', joined_on: '2020-04-01', code: 'TKY' },
      { member_number: 'P0100002', name: '佐藤 花子', name_kana: 'サトウ ハナコ', email: 'hanako@example.jp', postal_code: '1600023', address: '東京都新宿区', status: 'ACTIVE', joined_on: '2021-10-01', code: 'TKY' },
      { member_number: 'P0100003', name: '小林 翔', name_kana: 'コバヤシ ショウ', email: 'sho@example.jp', postal_code: null, address: null, status: 'WITHDRAWN', joined_on: '2019-01-01', code: 'OSK' },
    ]);
    const audited = await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'member.import'`);
    expect(audited[0].n).toBe(3);
  });

  it('running the same file again changes nothing and reports the same rejected rows', async () => {
    const file = join(dir, 'members-utf8.csv');
    const before = await snapshot();
    const run = await runCli(t.app, ['members:import', file]);
    expect(run.stdout).toContain('会員CSV (UTF-8) 9行: 取り込み 0件, 登録済み 3件, エラー 6行');
    expect(run.stdout).toContain('4行目 [セイ] カタカナで入力してください');
    expect(await snapshot()).toBe(before);
  });

  it('imports a Shift_JIS file as Excel writes it, half-width kana made full-width, and refuses rows that clash with existing members', async () => {
    const file = join(dir, 'members-sjis.csv');
    writeFileSync(file, iconv.encode(`${[HEADER, ...SJIS_ROWS].join('\r\n')}\r\n`, 'cp932'));
    const run = await runCli(t.app, ['members:import', file, '--lang', 'en']);
    expect(run.stdout).toContain('Member CSV (Shift_JIS), 6 rows: 2 imported, 1 already present, 3 rejected');
    expect(run.stdout).toMatch(/row 4 \[メイ\] must be written in katakana/);
    expect(run.stdout).toMatch(/row 5 \[メールアドレス\] The e-mail address is used by member P0100002/);
    expect(run.stdout).toMatch(/row 6 \[会員番号\] Member number P0100001 belongs to 山田 太郎/);
    const imported = await t.db.query(`SELECT p.family_name, p.family_name_kana, p.given_name_kana FROM persons p JOIN members m ON m.id = p.member_id WHERE m.email IN ('kenichi@example.jp', 'miho@example.jp') ORDER BY m.member_number`);
    expect(imported).toEqual([
      { family_name: '髙橋', family_name_kana: 'タカハシ', given_name_kana: 'ケンイチ' },
      { family_name: '斎藤', family_name_kana: 'サイトウ', given_name_kana: 'ミホ' },
    ]);

    const before = await snapshot();
    const again = await runCli(t.app, ['members:import', file, '--lang', 'en']);
    expect(again.stdout).toContain('6 rows: 0 imported, 3 already present, 3 rejected');
    expect(await snapshot()).toBe(before);
  });

  it('imported members are searchable like any other (half-width query)', async () => {
    const admin = await t.signIn(Role.FEDERATION_ADMIN);
    const res = await t.gql(SEARCH_TAKAHASHI, {}, { token: admin.token });
    expect(res.data!.members.edges.map((e) => e.node)).toEqual([{ name: '髙橋 健一', branch: { code: 'OSK' } }]);
  });

  it('opens a sign-in account for every imported member; a row whose address already signs in another member is rejected', async () => {
    const withoutAccount = await t.db.query(
      `SELECT m.member_number FROM members m WHERE NOT EXISTS (SELECT 1 FROM users u JOIN role_grants g ON g.user_id = u.id AND g.role = 'MEMBER' WHERE u.member_id = m.id AND u.email = m.email)`,
    );
    expect(withoutAccount).toEqual([]);
    const osk = (await t.db.query(`SELECT id FROM branches WHERE code = 'OSK'`))[0].id;
    await createOrganization(t.app, { branchId: osk, contacts: [{ name: '窓口 一郎', nameKana: 'マドグチ イチロウ', email: 'madoguchi@example.jp' }] });
    const file = join(dir, 'contact-address.csv');
    writeFileSync(file, `${HEADER}\n,窓口,一郎,マドグチ,イチロウ,madoguchi@example.jp,,,,OSK,,\n,別所,二郎,ベッショ,ジロウ,bessho@example.jp,,,,OSK,,\n`);
    const run = await runCli(t.app, ['members:import', file, '--lang', 'en']);
    expect(run.stdout).toContain('2 rows: 1 imported, 0 already present, 1 rejected');
    expect(run.stdout).toMatch(/row 2 \[メールアドレス\] The e-mail address belongs to an existing user account \(another member or staff\)/);
    const [bessho] = await t.db.query(`SELECT u.email FROM users u JOIN members m ON m.id = u.member_id WHERE m.email = 'bessho@example.jp'`);
    expect(bessho).toEqual({ email: 'bessho@example.jp' });
  });

  it('refuses a file without the required columns, importing nothing', async () => {
    const file = join(dir, 'bad-header.csv');
    writeFileSync(file, '姓,名,メールアドレス\n山田,花子,hanako2@example.jp\n');
    const before = await snapshot();
    const run = await runCli(t.app, ['members:import', file, '--lang', 'en']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('Missing columns: セイ, メイ, 支部コード');
    expect(await snapshot()).toBe(before);
  });
});
