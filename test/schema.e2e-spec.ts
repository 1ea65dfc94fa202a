import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { DataSource } from 'typeorm';
import { DatabaseConfig, dataSourceOptions } from '#core';
import { allEntities } from '../prisma-free-migrations/entities.js';
import { TestApp } from './support/test-app.js';

const SCHEMA_FILE = join(import.meta.dirname, '..', 'schema.gql');

describe('schema', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t.close();
  });

  it('committed schema.gql matches the code-first schema (npm run schema rewrites it)', () => {
    const printed = printSchema(lexicographicSortSchema(t.app.get(GraphQLSchemaHost).schema)) + '\n';
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, printed);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printed);
  });

  it('the migrations create exactly the tables and columns the entities describe', async () => {
    const ds = new DataSource(dataSourceOptions(Object.assign(new DatabaseConfig(), { url: t.database.url, logging: false }), allEntities));
    await ds.initialize();
    try {
      const sql = await ds.driver.createSchemaBuilder().log();
      // CHECK and foreign-key constraints written by hand in migrations have no entity form; TypeORM would drop them.
      const drift = sql.upQueries
        .map((q) => q.query)
        .filter((q) => !/^ALTER TABLE "\w+" DROP CONSTRAINT "\w+_(check|fkey|excl)"$/.test(q));
      expect(drift).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });

  it('the apps load every entity the migration CLI knows, and no other', () => {
    const loaded = t.db.entityMetadatas.map((m) => m.tableName).sort();
    const declared = new DataSource(dataSourceOptions(new DatabaseConfig(), allEntities)).entityMetadatas;
    expect(loaded).toEqual(allEntities.map((e) => t.db.getMetadata(e).tableName).sort());
    expect(declared).toBeDefined();
  });
});
