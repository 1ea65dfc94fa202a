import { Injectable } from '@nestjs/common';
import type { Actor } from '#auth';
import { LedgerQueries } from '#ledger';
import { ReconciliationError } from '../reconciliation.errors.js';
import { AccountMappings } from './account-mappings.service.js';
import { journalExport, type ExportEntry, type ExportFormat } from './journal-export.js';

/** Entries one GraphQL download may hold; the CLI (journal:export) has no limit. */
export const MAX_EXPORT_ENTRIES = 50_000;

export interface JournalExportCommand {
  bookId: string;
  format: ExportFormat;
  /** YYYY-MM-DD, both inclusive. */
  from: string;
  to: string;
}

export interface JournalExportFile {
  filename: string;
  content: Buffer;
  entries: number;
}

const EXTENSION: Record<ExportFormat, string> = { YAYOI: 'txt', FREEE: 'csv', MONEY_FORWARD: 'csv', PLAIN: 'csv' };

/** A book's journal for a date range, written for accounting software with the book's account mapping. */
@Injectable()
export class JournalExports {
  constructor(
    private readonly ledger: LedgerQueries,
    private readonly mappings: AccountMappings,
  ) {}

  async export(actor: Actor, command: JournalExportCommand, options: { maxEntries?: number; progress?: (done: number) => void } = {}): Promise<JournalExportFile> {
    if (command.to < command.from) throw ReconciliationError.dateRange();
    const book = await this.mappings.readable(actor, command.bookId);
    const mapping = await this.mappings.effective(book.id);
    const entries: ExportEntry[] = [];
    for await (const batch of this.ledger.journal(book.id, { from: command.from, to: command.to })) {
      for (const e of batch) entries.push({ number: entries.length + 1, date: e.entryDate, memo: e.memo, lines: e.lines });
      if (options.maxEntries && entries.length > options.maxEntries) throw ReconciliationError.exportTooLarge(options.maxEntries);
      options.progress?.(entries.length);
    }
    const filename = `journal-${book.kind.toLowerCase()}-${command.from}-${command.to}-${command.format.toLowerCase()}.${EXTENSION[command.format]}`;
    return { filename, content: journalExport(command.format, entries, mapping), entries: entries.length };
  }
}
