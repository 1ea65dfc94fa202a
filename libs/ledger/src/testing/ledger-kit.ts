import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DatabaseConfig, dataSourceOptions, PreparedStatements, RowChanges, TransactionService } from '#core';
import { createTestDatabase, type TestDatabase } from '#testing';
import { allEntities } from '../../../../prisma-free-migrations/entities.js';
import { BookKind, type Book } from '../book.entity.js';
import { BookService } from '../book.service.js';
import { JournalRepository } from '../journal.repository.js';
import { LedgerPosting } from '../ledger-posting.service.js';
import { LedgerQueries } from '../ledger-queries.service.js';
import { LedgerReadRepository } from '../ledger-read.repository.js';
import { ChainVerifier } from '../chain-verifier.service.js';
import { PostingContextCache } from '../posting-context-cache.js';

/** The ledger's services wired by hand against a fresh test database, for int-specs (no Nest, no Redis). */
export class LedgerKit {
  private constructor(
    readonly database: TestDatabase,
    readonly db: DataSource,
    readonly tx: TransactionService,
    readonly books: BookService,
    readonly posting: LedgerPosting,
    readonly queries: LedgerQueries,
    readonly verifier: ChainVerifier,
    private readonly changes: RowChanges,
  ) {}

  static async start(): Promise<LedgerKit> {
    const database = await createTestDatabase();
    const config = Object.assign(new DatabaseConfig(), { url: database.url, logging: false });
    const options = dataSourceOptions(config, allEntities);
    // Tests provoke refused statements on purpose: keep TypeORM from logging each one.
    const db = new DataSource({ ...options, logging: false });
    await db.initialize();
    const tx = new TransactionService(db);
    const journal = new JournalRepository(tx, new PreparedStatements(tx));
    // Listening as the apps do, so the posting context cache works here as there.
    const changes = new RowChanges(config);
    await changes.onApplicationBootstrap();
    return new LedgerKit(
      database,
      db,
      tx,
      new BookService(tx),
      new LedgerPosting(tx, journal, new PostingContextCache(tx, changes)),
      new LedgerQueries(new LedgerReadRepository(tx), journal),
      new ChainVerifier(journal),
      changes,
    );
  }

  /**
   * A bare branch row, without its book: the one place the ledger's tests write into federation's table. The
   * ledger sits below federation on the map, so its own tests cannot build branches through BranchService
   * (the libs/testing factory createBranch, which test/ e2e files use); books.branch_id needs the row.
   */
  async branchRow(code = `B${randomBytes(3).toString('hex').toUpperCase()}`): Promise<string> {
    const [branch] = await this.db.query(`INSERT INTO branches (code, name_ja, name_en, prefecture) VALUES ($1, $2, $3, '東京都') RETURNING id`, [
      code,
      `${code}支部`,
      `${code} branch`,
    ]);
    return branch.id as string;
  }

  /** A branch (a bare row, above) with its book. */
  async branchBook(code = `B${randomBytes(3).toString('hex').toUpperCase()}`): Promise<Book> {
    const branchId = await this.branchRow(code);
    return this.books.openBook({ kind: BookKind.BRANCH, branchId, nameJa: `${code}支部`, nameEn: `${code} branch` });
  }

  async close(): Promise<void> {
    await this.changes.onModuleDestroy();
    await this.db.destroy();
    await this.database.drop();
  }
}
