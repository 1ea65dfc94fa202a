import { writeFile } from 'node:fs/promises';
import { GrantBatchService } from '#grants';
import type { CliCommand } from '../cli-command.js';

/**
 * `rentai grants:batch-file --batch <id> --out zengin.txt` — the exported Zengin 総合振込 file, byte for byte
 * (Shift_JIS / JIS X 0201), for the bank's upload screen.
 * `rentai grants:batch-list --batch <id> --format pdf|csv --out list.pdf` — the same payments for signatures.
 */
export const grantsCommand: CliCommand = (program, app) => {
  program
    .command('grants:batch-file')
    .description('Write the Zengin transfer file of an exported grant batch / 助成金振込の全銀ファイルを出力')
    .requiredOption('--batch <id>', 'batch id')
    .requiredOption('--out <file>', 'output file')
    .action(async (options: { batch: string; out: string }) => {
      const { batch, file } = await (await app()).get(GrantBatchService).file(options.batch);
      await writeFile(options.out, file);
      process.stderr.write(`${batch.recordCount} transfers / 件, ${file.length} bytes, sha256 ${batch.fileSha256}\n`);
    });

  program
    .command('grants:batch-list')
    .description('Write the signature list of a grant batch as PDF or CSV / 助成金振込一覧を出力')
    .requiredOption('--batch <id>', 'batch id')
    .option('--format <format>', 'pdf | csv', 'pdf')
    .requiredOption('--out <file>', 'output file')
    .action(async (options: { batch: string; format: string; out: string }) => {
      const batches = (await app()).get(GrantBatchService);
      if (options.format !== 'pdf' && options.format !== 'csv') throw new Error('--format must be pdf or csv / --format は pdf か csv です');
      await writeFile(options.out, options.format === 'pdf' ? await batches.listPdf(options.batch) : await batches.listCsv(options.batch));
    });
};
