import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountService } from './account.service.js';
import { BookService } from './book.service.js';
import { CentralBooks } from './central-books.js';
import { ChainVerifier } from './chain-verifier.service.js';
import { ledgerEntities } from './entities.js';
import { JournalRepository } from './journal.repository.js';
import { LedgerPosting } from './ledger-posting.service.js';
import { LedgerQueries } from './ledger-queries.service.js';
import { LedgerReadRepository } from './ledger-read.repository.js';
import { LedgerReports } from './ledger-reports.service.js';
import { ManualEntryService } from './manual-entry.service.js';
import { PeriodService } from './period.service.js';
import { PostingContextCache } from './posting-context-cache.js';
import { AuditModule } from '#audit';

@Module({
  imports: [TypeOrmModule.forFeature(ledgerEntities), AuditModule],
  providers: [
    BookService,
    CentralBooks,
    JournalRepository,
    LedgerReadRepository,
    LedgerPosting,
    LedgerQueries,
    ChainVerifier,
    AccountService,
    PeriodService,
    PostingContextCache,
    ManualEntryService,
    LedgerReports,
  ],
  exports: [BookService, LedgerPosting, LedgerQueries, ChainVerifier, PeriodService, LedgerReports, AccountService, ManualEntryService],
})
export class LedgerModule {}
