import { readFile } from 'node:fs/promises';
import { AppError, progressBar, type Progress } from '#core';
import { StatementImport } from '#reconciliation';
import type { CliCommand } from '../cli-command.js';
import { AS_OPTION, actorOf, branchOf } from '../cli-input.js';

/**
 * `rentai statements:import <file> --branch TKY [--as treasurer@…]` — a Zengin 入出金取引明細 (03) or 振込入金通知 (01)
 * into the statements of the branch's registered bank accounts, with a progress bar while lines are
 * matched. The same file again changes nothing; a file that does not add up is refused whole.
 */
export const statementsImportCommand: CliCommand = (program, app) => {
  program
    .command('statements:import')
    .description('Import a bank statement (Zengin 03 / 01) and match its lines / 入出金明細を取り込み消込候補を作成')
    .argument('<file>', 'the statement file')
    .requiredOption('--branch <code>', 'branch code (e.g. TKY) or id')
    .option('--lang <lang>', 'ja | en', 'ja')
    .option(...AS_OPTION)
    .action(async (file: string, opts: { branch: string; lang: string; as?: string }) => {
      const lang = opts.lang === 'en' ? 'en' : 'ja';
      const content = await readFile(file);
      let bar: Progress | null = null;
      let done = 0;
      try {
        const context = await app();
        const actor = await actorOf(context, opts.as);
        const branch = await branchOf(context, opts.branch);
        const result = await context.get(StatementImport).import(actor, { branchId: branch.id, content }, (stage, n, total) => {
          if (stage !== 'MATCHING') return;
          bar ??= progressBar(lang === 'ja' ? '消込' : 'Matching', total);
          bar.increment(n - done);
          done = n;
        });
        (bar as Progress | null)?.stop();
        process.stdout.write(
          lang === 'ja'
            ? `明細 ${result.lines}行 (新規 ${result.newLines}行${result.alreadyImported ? '、取り込み済みのファイル' : ''}): 自動消込 ${result.autoConfirmed}, 候補あり ${result.suggested}, 未照合 ${result.unmatched}\n`
            : `${result.lines} lines (${result.newLines} new${result.alreadyImported ? ', file already imported' : ''}): ${result.autoConfirmed} confirmed automatically, ${result.suggested} with suggestions, ${result.unmatched} unmatched\n`,
        );
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
