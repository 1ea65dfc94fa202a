import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule, Query, Resolver } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppConfig, AppErrorFilter, CoreModule, ENV } from '#core';
import { AuditModule } from '#audit';
import { AuthModule, Public } from '#auth';
import { createTestDatabase, type TestDatabase } from '#testing';
import { gatewayAdapter } from '../apps/gateway/src/bootstrap.js';
import { graphqlOptions } from '../apps/gateway/src/graphql.options.js';
import { resolverMethods } from './support/access-walk.js';

jest.setTimeout(60_000);

/** A resolver someone forgot to decorate, beside one that is public. Test-only. */
@Resolver()
class ForgetfulResolver {
  @Query(() => String)
  forgotten(): string {
    return 'should never be seen';
  }

  @Query(() => String)
  @Public()
  remembered(): string {
    return 'ok';
  }
}

@Module({ providers: [ForgetfulResolver] })
class ForgetfulModule {}

describe('the default-deny guard', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    const moduleRef = await Test.createTestingModule({
      imports: [
        CoreModule.forRoot(),
        GraphQLModule.forRootAsync<MercuriusDriverConfig>({ driver: MercuriusDriver, inject: [AppConfig], useFactory: graphqlOptions }),
        AuthModule,
        AuditModule,
        ForgetfulModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: AppErrorFilter }],
    })
      .overrideProvider(ENV)
      .useValue({ ...process.env, NODE_ENV: 'test', DATABASE_URL: database.url })
      .compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(gatewayAdapter(false), { logger: ['error'] });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  // Untyped: the documents ask for this test's own resolver (ForgetfulResolver), which schema.gql does not hold.
  const gql = (query: string) => request(app.getHttpServer()).post('/graphql').set('accept-language', 'en').send({ query });

  it('refuses a query whose resolver has no access decorator, with FORBIDDEN / NO_ACCESS_RULE', async () => {
    const res = await gql('{ forgotten }');
    expect(res.body.data).toBeNull();
    expect(res.body.errors[0].extensions).toEqual({ code: 'FORBIDDEN', reason: 'NO_ACCESS_RULE' });
    expect(JSON.stringify(res.body)).not.toContain('should never be seen');
  });

  it('lets a decorated resolver of the same class through', async () => {
    const res = await gql('{ remembered }');
    expect(res.body).toEqual({ data: { remembered: 'ok' } });
  });

  it('the metadata walk names the undecorated method', () => {
    const missing = resolverMethods(app).filter((m) => !m.rule);
    expect(missing.map((m) => m.where)).toEqual(['ForgetfulResolver.forgotten']);
  });
});
