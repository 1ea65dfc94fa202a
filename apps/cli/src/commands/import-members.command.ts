import { readFile, writeFile } from 'node:fs/promises';
import { AppError, progressBar, type Progress } from '#core';
import { SYSTEM_ACTOR } from '#auth';
import { MemberImport, rejectedRowsCsv, type MemberImportReport } from '#members';
import type { CliCommand } from '../cli-command.js';

export function importSummary(report: MemberImportReport, lang: 'ja' | 'en'): string {
  const encoding = report.encoding === 'sjis' ? 'Shift_JIS' : 'UTF-8';
  const rejectedRows = new Set(report.rejected.map((r) => r.row)).size;
  const head =
    lang === 'ja'
      ? `会員CSV (${encoding}) ${report.rows}行: 取り込み ${report.imported}件, 登録済み ${report.unchanged}件, エラー ${rejectedRows}行`
      : `Member CSV (${encoding}), ${report.rows} rows: ${report.imported} imported, ${report.unchanged} already present, ${rejectedRows} rejected`;
  const problems = report.rejected.map((r) => (lang === 'ja' ? `  ${r.row}行目 [${r.column}] ${r.reason.ja}` : `  row ${r.row} [${r.column}] ${r.reason.en}`));
  return [head, ...problems].join('\n') + '\n';
}

/**
 * `members:import <file>`: individual members from a CSV exported by Excel (UTF-8 or Shift_JIS).
 * Valid rows are imported, rejected rows reported with row, column and reason; running the
 * same file again changes nothing.
 */
export const importMembersCommand: CliCommand = (program, app) => {
  program
    .command('members:import')
    .description('Import individual members from CSV (UTF-8 or Shift_JIS) / 個人会員をCSVから取り込みます')
    .argument('<file>', 'CSV file with a header row (会員番号, 姓, 名, セイ, メイ, メールアドレス, 電話番号, 郵便番号, 住所, 支部コード, 入会日, 状態)')
    .option('--encoding <encoding>', 'auto | utf8 | sjis', 'auto')
    .option('--branch <code>', 'branch code for rows that have none / 支部コードが空の行の支部')
    .option('--report <file>', 'write the rejected rows to this CSV file / エラー行をこのCSVに書き出します')
    .option('--lang <lang>', 'ja | en', 'ja')
    .action(async (file: string, opts: { encoding: 'auto' | 'utf8' | 'sjis'; branch?: string; report?: string; lang: string }) => {
      const lang = opts.lang === 'en' ? 'en' : 'ja';
      const bytes = await readFile(file);
      const context = await app();
      let bar: Progress | null = null;
      let done = 0;
      try {
        const report = await context.get(MemberImport).importCsv(SYSTEM_ACTOR, bytes, {
          encoding: opts.encoding,
          defaultBranchCode: opts.branch,
          onProgress: (rows, total) => {
            bar ??= progressBar(lang === 'ja' ? '会員取り込み' : 'Importing members', total);
            bar.increment(rows - done);
            done = rows;
          },
        });
        (bar as Progress | null)?.stop();
        process.stdout.write(importSummary(report, lang));
        if (opts.report) {
          await writeFile(opts.report, rejectedRowsCsv(report.rejected, lang));
          process.stdout.write(lang === 'ja' ? `エラー行: ${opts.report}\n` : `Rejected rows written to ${opts.report}\n`);
        }
      } catch (error) {
        (bar as Progress | null)?.stop();
        if (error instanceof AppError) {
          process.stderr.write(`${error.text[lang]}\n`);
          process.exitCode = 1;
          return;
        }
        throw error;
      }
    });
};
