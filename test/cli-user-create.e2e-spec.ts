import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import { Command } from 'commander';
import argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { ENV } from '#core';
import { createBranch, createTestDatabase, type TestDatabase } from '#testing';
import { CliModule } from '../apps/cli/src/cli.module.js';
import { commands } from '../apps/cli/src/commands/index.js';

jest.setTimeout(60_000);

/** The CLI's own commands and module, against a test database: `rentai user:create …` in process. */
describe('npm run cli -- user:create', () => {
  let database: TestDatabase;
  let context: TestingModule;
  let db: DataSource;

  const run = async (...args: string[]): Promise<{ out: string; error: string | null }> => {
    const program = new Command('rentai').exitOverride();
    for (const register of commands) register(program, async () => context);
    let out = '';
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stdout.write;
    try {
      await program.parseAsync(['node', 'rentai', ...args]);
      return { out, error: null };
    } catch (error) {
      return { out, error: (error as Error).message };
    } finally {
      process.stdout.write = write;
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    context = await Test.createTestingModule({ imports: [CliModule] })
      .overrideProvider(ENV)
      .useValue({ ...process.env, NODE_ENV: 'test', DATABASE_URL: database.url })
      .compile();
    context.useLogger(['error']);
    await context.init();
    db = context.get(DataSource);
  });
  afterAll(async () => {
    await context?.close();
    await database?.drop();
  });

  it('creates the first federation admin, with an argon2 hash and an audit event by the system', async () => {
    const { out, error } = await run('user:create', '--email', 'Admin@Rentai.example.jp', '--name', '連合 太郎', '--password', 'first admin password');
    expect(error).toBeNull();
    expect(out).toMatch(/^Created admin@rentai\.example\.jp \([0-9a-f-]{36}\) with FEDERATION_ADMIN\n$/);
    const [user] = await db.query(
      `SELECT u.id, u.display_name, u.password_hash, array_agg(g.role) AS roles FROM users u JOIN role_grants g ON g.user_id = u.id WHERE u.email = 'admin@rentai.example.jp' GROUP BY u.id`,
    );
    expect(user).toMatchObject({ display_name: '連合 太郎', roles: ['FEDERATION_ADMIN'] });
    expect(await argon2.verify(user.password_hash, 'first admin password')).toBe(true);
    const [event] = await db.query(`SELECT action, actor_email FROM audit_events WHERE entity_id = $1`, [user.id]);
    expect(event).toEqual({ action: 'user.create', actor_email: 'system@rentai' });
  });

  it('creates a branch treasurer on the branches given', async () => {
    const { id: branch } = await createBranch(context, { code: 'KYT', nameJa: '京都支部', nameEn: 'Kyoto', prefecture: '京都府' });
    const { error } = await run('user:create', '--email', 'kaikei@example.jp', '--name', '会計', '--password', 'treasurer password', '--role', 'branch_treasurer', '--branch', branch);
    expect(error).toBeNull();
    const grants = await db.query(`SELECT role, branch_id FROM role_grants g JOIN users u ON u.id = g.user_id WHERE u.email = 'kaikei@example.jp'`);
    expect(grants).toEqual([{ role: 'BRANCH_TREASURER', branch_id: branch }]);
  });

  it('explains bad input by option name and writes nothing', async () => {
    const before = (await db.query(`SELECT count(*)::int AS n FROM users`))[0].n;
    const short = await run('user:create', '--email', 'x@example.jp', '--name', 'x', '--password', 'short');
    expect(short.error).toContain('--password: Password must be at least 12 characters');
    const noBranch = await run('user:create', '--email', 'y@example.jp', '--name', 'y', '--password', 'long enough password', '--role', 'BRANCH_ADMIN');
    expect(noBranch.error).toContain('--branch: BRANCH_ADMIN needs the id of a branch');
    const duplicate = await run('user:create', '--email', 'admin@rentai.example.jp', '--name', 'z', '--password', 'long enough password');
    expect(duplicate.error).toContain('--email: This e-mail address is already registered');
    const role = await run('user:create', '--email', 'w@example.jp', '--name', 'w', '--password', 'long enough password', '--role', 'KING');
    expect(role.error).toContain('choose one of FEDERATION_ADMIN');
    expect((await db.query(`SELECT count(*)::int AS n FROM users`))[0].n).toBe(before);
  });
});
