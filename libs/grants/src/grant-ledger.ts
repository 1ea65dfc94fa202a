import { Injectable } from '@nestjs/common';
import { BookService, LedgerPosting } from '#ledger';
import type { GrantApplication } from './grant-application.entity.js';
import type { GrantDisbursement } from './grant-disbursement.entity.js';
import type { GrantProgram } from './grant-program.entity.js';
import { applicationCode } from './grant-notices.js';
import { approvalPosting, paymentPosting, releasePosting, returnPosting } from './grant-postings.js';

/** The grants' entries in the foundation's book, in the caller's transaction, each with its idempotency key. */
@Injectable()
export class GrantLedger {
  constructor(
    private readonly books: BookService,
    private readonly posting: LedgerPosting,
  ) {}

  private async base(program: GrantProgram, entryDate: string, amount: bigint) {
    const book = await this.books.foundationBook();
    return { bookId: book.id, programCode: program.code, currency: program.currency.trim(), entryDate, amount };
  }

  async approved(program: GrantProgram, application: GrantApplication, on: string): Promise<string> {
    const base = await this.base(program, on, application.approvedAmount!);
    return (await this.posting.post(approvalPosting({ ...base, applicationId: application.id, applicationCode: applicationCode(program, application) }))).entryId;
  }

  async released(program: GrantProgram, application: GrantApplication, amount: bigint, on: string): Promise<void> {
    if (amount <= 0n) return;
    const base = await this.base(program, on, amount);
    await this.posting.post(releasePosting({ ...base, applicationId: application.id, applicationCode: applicationCode(program, application), awardAfter: application.awardedAmount }));
  }

  async paid(program: GrantProgram, application: GrantApplication, disbursement: GrantDisbursement, on: string): Promise<{ entryId: string; entryDate: string }> {
    const base = await this.base(program, on, disbursement.amount);
    return this.posting.post(paymentPosting({ ...base, disbursementId: disbursement.id, applicationCode: applicationCode(program, application) }));
  }

  async returned(program: GrantProgram, application: GrantApplication, disbursement: GrantDisbursement, on: string): Promise<void> {
    const base = await this.base(program, on, disbursement.amount);
    await this.posting.post(returnPosting({ ...base, disbursementId: disbursement.id, applicationCode: applicationCode(program, application) }));
  }
}
