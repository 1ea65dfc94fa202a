import { randomBytes } from 'node:crypto';
import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppConfig, Clock, ENV, FixedClock, OutboxRelay, type Env } from '#core';
import { Role, SessionTokenService } from '#auth';
import { GatewayModule } from '../../apps/gateway/src/gateway.module.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { gatewayAdapter } from '../../apps/gateway/src/bootstrap.js';
import { createTestDatabase, type TestDatabase } from '../../libs/testing/src/test-database.js';
import type { TypedDocument } from './schema-types.js';

export interface GqlResult<T = unknown> {
  status: number;
  data: T | null;
  errors?: { message: string; path?: string[]; extensions: { code: string; reason?: string; fields?: { field: string; messages: string[] }[] } }[];
}

export interface GqlOptions {
  token?: string;
  locale?: 'ja' | 'en';
  ip?: string;
}

export interface TestAppOptions {
  /** Also run the worker (processors, outbox relay) against the same database and Redis. */
  worker?: boolean;
  /** Start the clock at this instant (a FixedClock the test can move). */
  now?: Date;
  env?: Env;
}

export interface SignedInUser {
  userId: string;
  email: string;
  token: string;
}

/**
 * The gateway (and optionally the worker) against a fresh copy of the migrated
 * template database and a private BullMQ prefix in the real Redis.
 */
export class TestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly database: TestDatabase,
    readonly env: Env,
    readonly clock: FixedClock | null,
    readonly worker: INestApplicationContext | null,
  ) {}

  static async start(options: TestAppOptions = {}): Promise<TestApp> {
    const database = await createTestDatabase();
    const env: Env = {
      ...process.env,
      NODE_ENV: 'test',
      // supertest connects from loopback: as if through a proxy there, so tests can call "from" many IPs.
      TRUST_PROXY: 'loopback',
      DATABASE_URL: database.url,
      QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
      ...options.env,
    };
    const clock = options.now ? new FixedClock(options.now) : null;
    const build = async <M>(module: M) => {
      let builder = Test.createTestingModule({ imports: [module as never] }).overrideProvider(ENV).useValue(env);
      if (clock) builder = builder.overrideProvider(Clock).useValue(clock);
      return builder.compile();
    };
    const gatewayModule = await build(GatewayModule);
    const app = gatewayModule.createNestApplication<NestFastifyApplication>(gatewayAdapter(AppConfig.fromEnv(env).trustProxy), { rawBody: true, logger: ['error'] });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    let worker: INestApplicationContext | null = null;
    if (options.worker) {
      const workerModule = await build(WorkerModule);
      workerModule.useLogger(['error']);
      worker = await workerModule.init();
    }
    return new TestApp(app, database, env, clock, worker);
  }

  get db(): DataSource {
    return this.app.get(DataSource);
  }

  get http() {
    return request(this.app.getHttpServer());
  }

  /** A document typed from schema.gql (support/gql.ts): the variables are checked and the result typed. */
  async gql<Result, Variables>(document: TypedDocument<Result, Variables>, variables: Variables, options?: GqlOptions): Promise<GqlResult<Result>>;
  /** Untyped text: for documents the schema must refuse, or built at run time. */
  async gql<T = unknown>(query: string, variables?: Record<string, unknown>, options?: GqlOptions): Promise<GqlResult<T>>;
  async gql(document: string | TypedDocument<unknown, unknown>, variables: unknown = {}, options: GqlOptions = {}): Promise<GqlResult<unknown>> {
    const query = typeof document === 'string' ? document : document.text;
    const req = this.http.post('/graphql').set('content-type', 'application/json');
    if (options.token) req.set('authorization', `Bearer ${options.token}`);
    // The gateway trusts X-Forwarded-For from loopback (TRUST_PROXY): tests of per-IP limits call from their own addresses.
    if (options.ip) req.set('x-forwarded-for', options.ip);
    req.set('accept-language', options.locale ?? 'en');
    const res = await req.send({ query, variables });
    return { status: res.status, data: res.body.data ?? null, errors: res.body.errors };
  }

  /**
   * A user holding `role` (on `branchIds` for branch roles), signed in: the token to call with.
   * With `memberId`, the member's own account (registration opened it) when it has one.
   */
  async signIn(role: Role, options: { branchIds?: string[]; memberId?: string; email?: string } = {}): Promise<SignedInUser> {
    if (options.memberId && role === Role.MEMBER) {
      const [own] = await this.db.query(`SELECT id, email, session_version FROM users WHERE member_id = $1`, [options.memberId]);
      if (own) {
        const { token } = await this.app.get(SessionTokenService).sign({ userId: own.id, sessionVersion: own.session_version, via: 'link' });
        return { userId: own.id, email: own.email, token };
      }
    }
    const email = options.email ?? `${role.toLowerCase()}-${randomBytes(4).toString('hex')}@test.rentai.jp`;
    const [user] = await this.db.query(
      `INSERT INTO users (email, display_name, member_id) VALUES ($1, $2, $3) RETURNING id, session_version`,
      [email, `${role} tester`, options.memberId ?? null],
    );
    const branchRole = role === Role.BRANCH_ADMIN || role === Role.BRANCH_TREASURER;
    for (const branchId of branchRole ? (options.branchIds ?? []) : [null]) {
      await this.db.query(`INSERT INTO role_grants (user_id, role, branch_id) VALUES ($1, $2, $3)`, [user.id, role, branchId]);
    }
    // As a real sign-in would: members by link, staff by password.
    const { token } = await this.app.get(SessionTokenService).sign({ userId: user.id, sessionVersion: user.session_version, via: role === Role.MEMBER ? 'link' : 'password' });
    return { userId: user.id, email, token };
  }

  /** Relays the outbox to BullMQ now (the worker also does it by itself). */
  async flushOutbox(): Promise<void> {
    await this.worker?.get(OutboxRelay).wake();
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.app.close();
    await this.database.drop();
  }
}
