import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BookService } from './book.service.js';
import { ledgerEntities } from './entities.js';
import { JournalRepository } from './journal.repository.js';
import { ChainVerifier } from './chain-verifier.service.js';
import { LedgerPosting } from './ledger-posting.service.js';
import { LedgerQueries } from './ledger-queries.service.js';
import { LedgerReadRepository } from './ledger-read.repository.js';

@Module({
  imports: [TypeOrmModule.forFeature(ledgerEntities)],
  providers: [BookService, JournalRepository, LedgerReadRepository, LedgerPosting, LedgerQueries, ChainVerifier],
  exports: [BookService, LedgerPosting, LedgerQueries, ChainVerifier],
})
export class LedgerModule {}
