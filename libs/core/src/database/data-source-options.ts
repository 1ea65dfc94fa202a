import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import type { DatabaseConfig } from '../config/database.config.js';

type Classes = MixedList<string | (new (...args: never[]) => unknown) | EntitySchema>;

/** The options shared by the apps, the migration CLI and tests. synchronize is never on. */
export function dataSourceOptions(config: DatabaseConfig, entities: Classes, migrations: Classes = []): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.url,
    entities,
    migrations: migrations as DataSourceOptions['migrations'],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    logging: config.logging ? 'all' : ['error'],
    // Every connection starts its transactions READ COMMITTED whatever the server's default: TransactionService.run
    // then opens one with a bare START TRANSACTION (one round trip, not two with a SET TRANSACTION after it).
    extra: { max: 20, application_name: 'rentai', options: '-c default_transaction_isolation=read\\ committed' },
  } as DataSourceOptions;
}
