import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BookService } from './book.service.js';
import { ledgerEntities } from './entities.js';

@Module({
  imports: [TypeOrmModule.forFeature(ledgerEntities)],
  providers: [BookService],
  exports: [BookService],
})
export class LedgerModule {}
