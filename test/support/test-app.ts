import { randomBytes } from 'node:crypto';
import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppConfig, Clock, ENV, FixedClock, OutboxRelay, type Env } from '#core';
import { BRANCH_ROLES, Role, SYSTEM_ACTOR, SessionTokenService, UserAccounts, type User } from '#auth';
import { PasswordHasher } from '../../libs/auth/src/password-hasher.js';
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

/** The password of every staff user signIn creates (nobody signs in with it: signIn signs the token itself). */
const HARNESS_PASSWORD = 'signed in by the test harness';

/**
 * PasswordHasher as in production, except that signIn's one password is hashed once per app, not
 * per user (argon2id is ~50 ms a hash; signIn runs hundreds of times in the suite). Every other
 * password a test sets is hashed, and every password is verified, by production's code.
 */
class HarnessPasswordHasher extends PasswordHasher {
  private harnessHash: Promise<string> | undefined;

  override hash(password: string): Promise<string> {
    return password === HARNESS_PASSWORD ? (this.harnessHash ??= super.hash(password)) : super.hash(password);
  }
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
      builder = builder.overrideProvider(PasswordHasher).useClass(HarnessPasswordHasher);
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
   * Built as production builds users: staff through UserAccounts.createStaffUser (audited, as the
   * system, like the CLI's `user:create`), a member's account through UserAccounts.ensureMemberUser
   * (the account registration opened, or one opened now). A member signs in as a member record
   * (`memberId`) and a branch role is held on at least one branch: production has no other kind.
   * Signed as a real sign-in would: members by link, staff by password.
   */
  async signIn(role: Role, options: { branchIds?: string[]; memberId?: string; email?: string } = {}): Promise<SignedInUser> {
    const accounts = this.app.get(UserAccounts);
    const email = options.email ?? `${role.toLowerCase()}-${randomBytes(4).toString('hex')}@test.rentai.jp`;
    let user: User | null;
    if (role === Role.MEMBER) {
      if (!options.memberId) throw new Error('signIn(Role.MEMBER) needs a memberId: a member signs in as their member record (createPerson)');
      user = await accounts.ensureMemberUser({ memberId: options.memberId, email, displayName: `${role} tester` }, SYSTEM_ACTOR);
      if (!user) throw new Error(`signIn: ${email} belongs to a user without a member record; it is linked only when they confirm`);
    } else {
      if (options.memberId) throw new Error('signIn: staff are created without a member record (a member record is linked by its user confirming it)');
      const branchIds = BRANCH_ROLES.has(role) ? (options.branchIds ?? []) : [null];
      if (branchIds.length === 0) throw new Error(`signIn(${role}) needs branchIds: a branch role is held on a branch`);
      user = await accounts.createStaffUser(
        { email, displayName: `${role} tester`, password: HARNESS_PASSWORD, grants: branchIds.map((branchId) => ({ role, branchId })) },
        SYSTEM_ACTOR,
      );
    }
    const { token } = await this.app.get(SessionTokenService).sign({ userId: user.id, sessionVersion: user.sessionVersion, via: role === Role.MEMBER ? 'link' : 'password' });
    return { userId: user.id, email: user.email, token };
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
