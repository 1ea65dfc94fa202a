import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { SYSTEM_ACTOR } from '#auth';
import { AccountCode, LedgerPosting, PeriodService, type JournalPosting, type Period, type PostedEntry } from '#ledger';

/**
 * A balanced journal entry posted through the ledger's posting service: by default ¥1,000 of
 * cash against dues income on the given date (an INVOICE entry with its own idempotency key).
 */
export async function postJournalEntry(
  app: INestApplicationContext,
  input: { bookId: string; entryDate: string; amount?: bigint } & Partial<JournalPosting>,
): Promise<PostedEntry> {
  const { amount = 1_000n, ...posting } = input;
  const id = randomUUID();
  return app.get(LedgerPosting).post({
    source: 'INVOICE',
    sourceId: id,
    idempotencyKey: `test:${id}`,
    memo: 'test entry',
    lines: [
      { accountCode: AccountCode.Cash, side: 'DEBIT', amount },
      { accountCode: AccountCode.DuesIncome, side: 'CREDIT', amount },
    ],
    ...posting,
  });
}

/** A month of a book closed through the ledger's period service (as the system): the month must have ended. */
export async function closePeriod(app: INestApplicationContext, bookId: string, month: string): Promise<Period> {
  return app.get(PeriodService).close(SYSTEM_ACTOR, bookId, month);
}
