import { AppError } from '#core';
import { DemoFederation, type DemoFederationResult } from '#demo';
import type { DemoAccount } from '#members';
import type { CliCommand } from '../cli-command.js';

/** The demo accounts as a table: role (branch), e-mail, password or how the member signs in. */
export function demoAccountsTable(accounts: readonly DemoAccount[]): string {
  const rows = [
    ['role / ロール', 'e-mail / メール', 'password / パスワード'],
    ...accounts.map((a) => [
      a.role + (a.branchCode ? ` (${a.branchCode})` : ''),
      a.email,
      a.password ?? 'sign-in link by e-mail (requestSignInLink) / メールのリンクでサインイン',
    ]),
  ];
  const width = [0, 1].map((c) => Math.max(...rows.map((r) => displayWidth(r[c]))));
  const pad = (text: string, to: number) => text + ' '.repeat(to - displayWidth(text));
  return rows.map((r) => `  ${pad(r[0], width[0])}  ${pad(r[1], width[1])}  ${r[2]}`).join('\n');
}

/** Columns a terminal gives the text: kana, kanji and full-width forms take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(ch) ? 2 : 1;
  return width;
}

/** Why `npm start` and `seed:demo --if-empty` seeded nothing outside development. */
export const DEMO_NOT_DEVELOPMENT =
  'Demo data not seeded: its accounts have published passwords, so it is seeded only with NODE_ENV=development. / ' +
  'デモデータは投入しません: デモ用アカウントのパスワードは公開されているため、NODE_ENV=development の場合にのみ投入します';

/** What was seeded, in English and Japanese (seed:demo and npm start print it). */
export function demoSummary(r: DemoFederationResult, seconds: string): string {
  return [
    `Demo data seeded in ${seconds}s: ${r.branches} branches, ${r.organizations} organizational members, ${r.persons} individual members;`,
    `  ${r.plans} dues plans, ${r.memberships} memberships, ${r.invoices} invoices of fiscal year ${r.fiscalYear}, ${r.payments} payments, ${r.settlements} settlements, ${r.closedMonths} closed months, ${r.grantApplications} grant applications (one in every status), ${r.funds} funds and ${r.donations} donations, ${r.autoRenewMembers} members on auto-renew with a saved card, ${r.receipts} receipts (rendered and e-mailed by the worker), ${r.renewalMembers} anniversary members renewing around today (reminded; some in grace or lapsed).`,
    `デモデータを投入しました: 支部 ${r.branches}, 団体会員 ${r.organizations}, 個人会員 ${r.persons}, 会費プラン ${r.plans}, 会員資格 ${r.memberships}, ${r.fiscalYear}年度の請求書 ${r.invoices}, 入金 ${r.payments}, 精算 ${r.settlements}, 締めた月 ${r.closedMonths}, 助成申請 ${r.grantApplications} (全ステータス), 基金 ${r.funds}, 寄附 ${r.donations}, 自動更新 (カード登録済み) ${r.autoRenewMembers}, 領収書 ${r.receipts}, 更新時期の会員 (加入日更新) ${r.renewalMembers}`,
  ].join('\n');
}

/**
 * `seed:demo [--if-empty]`: the living demo federation (libs/demo: 17 branches, 17
 * organizational and 7,000 individual members, one account per role, dues plans, memberships, this
 * fiscal year's invoices and a year of payments, settlements and closed months) in one transaction.
 * With --if-empty a database that already has branches or members is left alone (start-up runs it
 * so). Only with NODE_ENV=development (DemoFederation): otherwise it says why and seeds nothing (an
 * error without --if-empty).
 */
export const seedDemoCommand: CliCommand = (program, app) => {
  program
    .command('seed:demo')
    .description('Seed demo data into an empty database / 空のデータベースにデモデータを投入します')
    .option('--if-empty', 'do nothing (and succeed) when the database already has data / データがあれば何もしません')
    .action(async (opts: { ifEmpty?: boolean }) => {
      const context = await app();
      const started = Date.now();
      try {
        const result = await context.get(DemoFederation).run({
          ifEmpty: opts.ifEmpty === true,
          onStep: (step) => process.stderr.write(`seed:demo: ${step}…\n`),
        });
        if (result.skipped === 'NOT_DEVELOPMENT') {
          process.stdout.write(`${DEMO_NOT_DEVELOPMENT}\n`);
          return;
        }
        if (!result.seeded) {
          process.stdout.write('Demo data skipped: the database already has data. / データがあるためデモデータの投入を省略しました\n');
          const accounts = await context.get(DemoFederation).accountsInDatabase();
          if (accounts.length > 0) process.stdout.write(`\nDemo sign-in accounts / デモ用アカウント:\n${demoAccountsTable(accounts)}\n`);
          return;
        }
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        process.stdout.write(`${demoSummary(result, seconds)}\n\nDemo sign-in accounts / デモ用アカウント:\n${demoAccountsTable(result.accounts)}\n`);
      } catch (error) {
        if (error instanceof AppError) {
          process.stderr.write(`${error.text.en}\n${error.text.ja}\n`);
          process.exitCode = 1;
          return;
        }
        throw error;
      }
    });
};
