import { AppError } from '#core';
import { DemoSeed, type DemoSeedResult } from '#members';
import type { CliCommand } from '../cli-command.js';

export function demoAccountsTable(result: DemoSeedResult): string {
  const rows = result.accounts.map((a) => [
    a.role + (a.branchCode ? ` (${a.branchCode})` : ''),
    a.email,
    a.password ?? 'sign-in link by e-mail (requestSignInLink) / メールのリンクでサインイン',
  ]);
  const width = [0, 1].map((c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => `  ${r[0].padEnd(width[0])}  ${r[1].padEnd(width[1])}  ${r[2]}`).join('\n');
}

/**
 * `seed:demo [--if-empty]`: the demo federation (17 branches, 17 organizational and 7,000
 * individual members, one account per role) in one transaction. With --if-empty a database
 * that already has branches or members is left alone (start-up runs it so).
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
        const result = await context.get(DemoSeed).run({
          ifEmpty: opts.ifEmpty === true,
          onStep: (step) => process.stderr.write(`seed:demo: ${step}…\n`),
        });
        if (!result.seeded) {
          process.stdout.write('Demo data skipped: the database already has data. / データがあるためデモデータの投入を省略しました\n');
          return;
        }
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        process.stdout.write(
          `Demo data seeded in ${seconds}s: ${result.branches} branches, ${result.organizations} organizational members, ${result.persons} individual members.\n` +
            `デモデータを投入しました: 支部 ${result.branches}, 団体会員 ${result.organizations}, 個人会員 ${result.persons}\n\n` +
            `Demo sign-in accounts / デモ用アカウント:\n${demoAccountsTable(result)}\n`,
        );
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
