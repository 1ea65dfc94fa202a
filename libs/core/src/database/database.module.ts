import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DatabaseConfig } from '../config/database.config.js';
import { ConfigError } from '../config/env.js';
import { dataSourceOptions } from './data-source-options.js';
import { PreparedStatements } from './prepared-statements.js';
import { RowChanges } from './row-changes.js';
import { TransactionService } from './transaction.service.js';

/**
 * The TypeORM DataSource for an app. Entities come from each library's
 * TypeOrmModule.forFeature (autoLoadEntities); the schema only from migrations.
 */
// Global: infrastructure every module needs. Every library's services run transactions (TransactionService) and
// their repositories read the bound manager; importing the DataSource into each would only repeat one line everywhere.
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [DatabaseConfig],
          useFactory: (config: DatabaseConfig) => ({ ...dataSourceOptions(config, []), autoLoadEntities: true, retryAttempts: 0 }),
          dataSourceFactory: async (options) => {
            const dataSource = new DataSource(options!);
            try {
              return await dataSource.initialize();
            } catch (error) {
              const url = new URL((options as { url: string }).url);
              throw new ConfigError(
                `Cannot connect to PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname} (DATABASE_URL): ${(error as Error).message}.`,
              );
            }
          },
        }),
      ],
      providers: [TransactionService, PreparedStatements, RowChanges],
      exports: [TransactionService, PreparedStatements, RowChanges],
    };
  }
}
