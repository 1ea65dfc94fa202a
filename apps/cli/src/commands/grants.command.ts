import { writeFile } from 'node:fs/promises';
import type { INestApplicationContext } from '@nestjs/common';
import { GrantBatchService, GrantsError, type GrantBatch } from '#grants';
import type { CliCommand } from '../cli-command.js';
import { CliError } from '../cli.errors.js';
import { AS_OPTION, OptionProblems, UUID, actorOf, refusals } from '../cli-input.js';

const FORMATS = ['pdf', 'csv'] as const;

/** A batch by id; NOT_FOUND (listed under `--batch`) when the id names none or is not an id. */
async function batchOf(context: INestApplicationContext, id: string): Promise<GrantBatch> {
  if (!UUID.test(id)) throw GrantsError.batchNotFound(id);
  return (await context.get(GrantBatchService).get(id)).batch;
}

/**
 * `rentai grants:batch-file --batch <id> --out zengin.txt --as officer@…` — creates the batch's Zengin 総合振込 file
 * if it is not exported yet (the exportGrantBatch mutation's service call: a grant officer only, audited with them,
 * the batch frozen), then writes it byte for byte (Shift_JIS / JIS X 0201) for the bank's upload screen.
 * `rentai grants:batch-list --batch <id> --format pdf|csv --out list.pdf --as officer@…` — the same payments for
 * signatures (grant staff only: it shows the payees' accounts).
 * Without `--as` the system acts, and it holds no grant role: both are refused.
 */
export const grantsCommand: CliCommand = (program, app) => {
  program
    .command('grants:batch-file')
    .description('Create (if not yet) and write the Zengin transfer file of a grant batch / 助成金振込の全銀ファイルを作成・出力')
    .requiredOption('--batch <id>', 'batch id')
    .requiredOption('--out <file>', 'output file')
    .option(...AS_OPTION)
    .action(async (options: { batch: string; out: string; as?: string }) =>
      refusals(async () => {
        const context = await app();
        const problems = new OptionProblems();
        const [actor, found] = await Promise.all([problems.settle('--as', actorOf(context, options.as)), problems.settle('--batch', batchOf(context, options.batch))]);
        problems.refuse();
        const batches = context.get(GrantBatchService);
        const exported = await batches.export(actor!, found!.id);
        const { file } = await batches.file(actor!, exported.id);
        await writeFile(options.out, file);
        const when = found!.exportedAt ? 'exported earlier / 作成済み' : 'exported now / 今回作成';
        process.stderr.write(`${exported.recordCount} transfers / 件, ${file.length} bytes, sha256 ${exported.fileSha256} (${when})\n`);
      }),
    );

  program
    .command('grants:batch-list')
    .description('Write the signature list of a grant batch as PDF or CSV / 助成金振込一覧を出力')
    .requiredOption('--batch <id>', 'batch id')
    .option('--format <format>', 'pdf | csv', 'pdf')
    .requiredOption('--out <file>', 'output file')
    .option(...AS_OPTION)
    .action(async (options: { batch: string; format: string; out: string; as?: string }) =>
      refusals(async () => {
        const context = await app();
        const problems = new OptionProblems();
        const [actor, found] = await Promise.all([problems.settle('--as', actorOf(context, options.as)), problems.settle('--batch', batchOf(context, options.batch))]);
        if (!(FORMATS as readonly string[]).includes(options.format)) problems.note(CliError.notOneOf('--format', FORMATS, options.format));
        problems.refuse();
        const batches = context.get(GrantBatchService);
        await writeFile(options.out, options.format === 'pdf' ? await batches.listPdf(actor!, found!.id) : await batches.listCsv(actor!, found!.id));
      }),
    );
};
