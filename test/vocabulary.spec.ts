/**
 * One vocabulary (issue 8): one convention for enums across the house. A TypeScript enum's keys ARE its
 * GraphQL values — UPPER_SNAKE, key === value (`BookKind.FEDERATION = 'FEDERATION'`) — so no mirror enum
 * is needed to show GraphQL the right names, and no `*Enum` twin exists beside the real one.
 *
 * Every file of the libraries that calls `registerEnumType` is imported, and every enum registered with
 * GraphQL is checked as GraphQL sees it; every `export enum` in the sources is checked as written.
 *
 * Errors: every library's reasons in one typed catalogue (errorCatalogue), each reason defined once in the
 * house.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
// The registry @nestjs/graphql fills from registerEnumType (what the schema is built from).
import { LazyMetadataStorage } from '@nestjs/graphql/dist/schema-builder/storages/lazy-metadata.storage.js';
import { TypeMetadataStorage } from '@nestjs/graphql/dist/schema-builder/storages/type-metadata.storage.js';
import { GENERIC_REASONS, type AppError } from '#core';
import { AuthErrors } from '../libs/auth/src/auth.errors.js';
import { DonationsError } from '../libs/donations/src/donations.errors.js';
import { DuesError } from '../libs/dues/src/dues.errors.js';
import { MemberError } from '../libs/members/src/members.errors.js';
import { PaymentsError } from '../libs/payments/src/payments.errors.js';
import { OnlinePaymentsError } from '../libs/payments/src/stripe/online-payments.errors.js';
import { ReconciliationError } from '../libs/reconciliation/src/reconciliation.errors.js';

const ROOT = resolve(import.meta.dirname, '..');
const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(full).isDirectory()) return sources(full);
    return /\.ts$/.test(name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(name) ? [full] : [];
  });
}

const files = sources(join(ROOT, 'libs')).map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));

/** Keys and values of an enum as written: `KEY = 'VALUE'` or `KEY: 'VALUE'` (an enum-like `as const` object). */
function enumMembers(body: string): [string, string][] {
  const withoutComments = body.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  return [...withoutComments.matchAll(/(\w+)\s*[=:]\s*'([^']*)'/g)].map((m) => [m[1], m[2]]);
}

describe('enums: keys are the GraphQL values', () => {
  let registered: { name: string; ref: object }[] = [];

  beforeAll(async () => {
    for (const file of files.filter((f) => f.text.includes('registerEnumType('))) await import(pathToFileURL(join(ROOT, file.path)).href);
    LazyMetadataStorage.load([], { skipFieldLazyMetadata: true });
    const seen = new Map<object, string>();
    for (const e of TypeMetadataStorage.getEnumsMetadata()) seen.set(e.ref, e.name);
    registered = [...seen].map(([ref, name]) => ({ name, ref }));
  });

  it('finds the registered enums (the check below is not vacuous)', () => {
    const names = registered.map((e) => e.name);
    for (const name of ['Role', 'BookKind', 'AccountType', 'PeriodStatus', 'Side', 'JournalSource', 'DuesPeriodMode', 'ShareKind', 'MemberKind', 'GrantApplicationStatus']) {
      expect(names).toContain(name);
    }
    expect(registered.length).toBeGreaterThan(40);
  });

  it('every registered enum has string values equal to their UPPER_SNAKE keys', () => {
    const offenders = registered.flatMap(({ name, ref }) =>
      Object.entries(ref)
        .filter(([key, value]) => key !== value || !UPPER_SNAKE.test(key))
        .map(([key, value]) => `${name}.${key} = ${JSON.stringify(value)}`),
    );
    expect(offenders).toEqual([]);
  });

  it('no enum is registered twice (a mirror) and no GraphQL enum name ends with Enum', () => {
    const names = registered.map((e) => e.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect(names.filter((n) => /Enum$/.test(n))).toEqual([]);
  });

  it('no registered TypeScript name ends with Enum', () => {
    const calls = files.flatMap((f) => [...f.text.matchAll(/registerEnumType\(\s*(\w+)/g)].map((m) => `${f.path}: ${m[1]}`));
    expect(calls.length).toBeGreaterThan(40);
    expect(calls.filter((c) => /Enum$/.test(c))).toEqual([]);
  });

  it('every exported enum in the sources has keys equal to their values, and no name ends with Enum', () => {
    const declared = files.flatMap((f) => [...f.text.matchAll(/export enum (\w+)\s*\{([^}]*)\}/g)].map((m) => ({ where: `${f.path}: ${m[1]}`, name: m[1], members: enumMembers(m[2]) })));
    expect(declared.length).toBeGreaterThan(40);
    expect(declared.filter((d) => /Enum$/.test(d.name)).map((d) => d.where)).toEqual([]);
    const offenders = declared.flatMap((d) => d.members.filter(([k, v]) => k !== v || !UPPER_SNAKE.test(k)).map(([k, v]) => `${d.where}.${k} = '${v}'`));
    expect(offenders).toEqual([]);
    // Every member was read (an enum whose body the pattern missed would pass silently).
    for (const d of declared) expect(d.members.length).toBeGreaterThan(0);
  });

  it('the source check catches a key that differs from its value', () => {
    expect(enumMembers(`Federation = 'FEDERATION',\n /** note */ BRANCH = 'BRANCH',`)).toEqual([
      ['Federation', 'FEDERATION'],
      ['BRANCH', 'BRANCH'],
    ]);
  });
});

describe('errors: one catalogue entry per reason across the house', () => {
  interface Entry { where: string; key: string; reason: string; code: string }
  let entries: Entry[] = [];

  beforeAll(async () => {
    for (const file of files.filter((f) => /\.errors\.ts$/.test(f.path))) {
      const module: Record<string, unknown> = await import(pathToFileURL(join(ROOT, file.path)).href);
      for (const [name, catalogue] of Object.entries(module)) {
        if (!name.endsWith('_REASONS')) continue;
        for (const [key, r] of Object.entries(catalogue as Record<string, { reason: string; code: string }>)) entries.push({ where: `${file.path} ${name}`, key, reason: r.reason, code: r.code });
      }
    }
  });

  it('every library with errors has a typed catalogue (*_REASONS, built by errorCatalogue)', () => {
    const withErrors = files.filter((f) => /\.errors\.ts$/.test(f.path)).map((f) => f.path);
    const withCatalogue = new Set(entries.map((e) => e.where.split(' ')[0]));
    expect(withErrors.filter((path) => !withCatalogue.has(path))).toEqual([]);
    expect(withCatalogue.size).toBeGreaterThanOrEqual(13);
    expect(entries.length).toBeGreaterThan(200);
  });

  it('no reason is defined by two catalogues (INVOICE_ALREADY_PAID was once defined twice with different shapes)', () => {
    const generic = new Set<string>(GENERIC_REASONS);
    const byReason = new Map<string, string[]>();
    for (const e of entries) if (!generic.has(e.reason)) byReason.set(e.reason, [...(byReason.get(e.reason) ?? []), e.where]);
    const twice = [...byReason].filter(([, where]) => where.length > 1);
    expect(twice.map(([reason, where]) => `${reason}: ${where.join(', ')}`)).toEqual([]);
  });

  it('the reasons once defined twice are raised from their one definition, with the words users saw (or clearer)', () => {
    const seen = (e: AppError) => ({ code: e.code, reason: e.reason, ja: e.text.ja, en: e.text.en, fields: e.fields.map((f) => f.field) });
    const id = '00000000-0000-4000-8000-000000000000';
    expect([
      // A branch or member id in an input that names none: the federation's and the members' reasons.
      seen(MemberError.unknownBranch('input.branchId', id)),
      seen(DonationsError.branchNotFoundAt('input.branchId', id)),
      seen(DonationsError.memberNotFoundAt('input.memberId', id)),
      seen(DuesError.unknownBranch(id)),
      // A role granted on a branch that does not exist, and an account that already has its member record: auth's own words.
      seen(AuthErrors.unknownBranches(['input.grants.1.branchId'])),
      seen(AuthErrors.alreadyAMember('memberId')),
      // Stripe reported another amount: one reason (the Stripe event job treats it as final), the words name what was asked.
      seen(OnlinePaymentsError.amountMismatch('cs_1', '¥12,000', '¥1,200')),
      seen(DonationsError.amountMismatch('pi_1', 5000n, '¥500')),
      // Each export names itself.
      seen(PaymentsError.exportTooLarge(60_000, 50_000)),
      seen(ReconciliationError.exportTooLarge(50_000)),
    ]).toEqual([
      { code: 'BAD_USER_INPUT', reason: 'BRANCH_NOT_FOUND', ja: `支部が見つかりません (${id})`, en: `Branch not found (${id})`, fields: ['input.branchId'] },
      { code: 'BAD_USER_INPUT', reason: 'BRANCH_NOT_FOUND', ja: `支部が見つかりません (${id})`, en: `Branch not found (${id})`, fields: ['input.branchId'] },
      { code: 'BAD_USER_INPUT', reason: 'MEMBER_NOT_FOUND', ja: `会員が見つかりません (${id})`, en: `Member not found (${id})`, fields: ['input.memberId'] },
      { code: 'NOT_FOUND', reason: 'BRANCH_NOT_FOUND', ja: `支部が見つかりません (${id})`, en: `Branch not found (${id})`, fields: [] },
      { code: 'BAD_USER_INPUT', reason: 'ROLE_BRANCH_NOT_FOUND', ja: 'ロールを付与する支部が見つかりません', en: 'No branch has this id to grant the role on', fields: ['input.grants.1.branchId'] },
      { code: 'BAD_USER_INPUT', reason: 'ACCOUNT_HAS_MEMBER', ja: 'このアカウントには既に会員情報が紐付いています', en: 'Your account already has a member record', fields: ['memberId'] },
      { code: 'CONFLICT', reason: 'ONLINE_AMOUNT_MISMATCH', ja: 'Stripe の決済額 (¥1,200) が請求額 (¥12,000) と一致しません (cs_1)', en: 'Stripe reported ¥1,200 where ¥12,000 was asked (cs_1)', fields: [] },
      {
        code: 'CONFLICT',
        reason: 'ONLINE_AMOUNT_MISMATCH',
        ja: 'Stripe の決済額 (¥500) が寄附額 (￥5,000) と一致しません (pi_1)',
        en: 'Stripe reported ¥500 where ¥5,000 was given (pi_1)',
        fields: [],
      },
      {
        code: 'BAD_USER_INPUT',
        reason: 'PAYMENTS_EXPORT_TOO_LARGE',
        ja: '該当する入金が 60000 件あり、上限 50000 件を超えています。期間を絞るか CLI (payments:export) を使ってください',
        en: '60000 payments match, more than the 50000 a download holds; narrow the filter or use the CLI (payments:export)',
        fields: ['filter'],
      },
      { code: 'BAD_USER_INPUT', reason: 'JOURNAL_EXPORT_TOO_LARGE', ja: '仕訳が 50000 件を超えます。期間を短くするか CLI (journal:export) を使ってください', en: 'More than 50000 entries: shorten the range or use the CLI (journal:export)', fields: ['to'] },
    ]);
  });

  it('no entry name is used twice, generic reasons included', () => {
    const keys = entries.map((e) => e.key);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('services raise no error with text of their own: the text lives in the catalogues', () => {
    // Re-wrapping a refusal of one item of many (`items.3.…`, "4件目: …") keeps the catalogue's reason and words.
    const REWRAPS = ['libs/payments/src/payment-recording.service.ts', 'libs/reconciliation/src/line-confirmation.service.ts'];
    const inline = files
      .filter((f) => !/\.errors\.ts$/.test(f.path) && !f.path.startsWith('libs/core/src/errors/') && !REWRAPS.includes(f.path))
      .flatMap((f) => [...f.text.matchAll(/(new AppError\(|AppError\.(badInput|conflict|forbidden)\()[^;]*?\bja:/g)].map(() => f.path));
    expect(inline).toEqual([]);
  });
});
