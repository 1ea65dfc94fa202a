import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import { gql } from './support/gql.js';
import { TestApp } from './support/test-app.js';

const BOOKS = gql(`query PlatformBooks { books(first: 10) { edges { node { id kind } } } }`);
const ACCOUNTS = gql(`query PlatformAccounts($bookId: ID!) { accounts(bookId: $bookId, first: 100) { edges { node { code } } } }`);
const TYPENAME = gql(`query PlatformTypename { __typename }`);
const AUDIT_EVENTS = gql(`query PlatformAuditEvents { auditEvents(first: 5) { edges { node { id } } } }`);

describe('the platform', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ worker: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports health of PostgreSQL and Redis', async () => {
    const res = await t.http.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: true, redis: true });
  });

  it('has the federation’s and the foundation’s books, with the standard chart, from the first start', async () => {
    const admin = (await t.signIn(Role.FEDERATION_ADMIN)).token;
    const books = await t.gql(BOOKS, {}, { token: admin });
    const kinds = books.data!.books.edges.map((e) => e.node.kind).sort();
    expect(kinds).toEqual(['FEDERATION', 'FOUNDATION']);
    for (const { node } of books.data!.books.edges) {
      const accounts = await t.gql(ACCOUNTS, { bookId: node.id }, { token: admin });
      expect(accounts.data!.accounts.edges.length).toBeGreaterThan(10);
    }
  });

  it('answers a trivial GraphQL query without signing in', async () => {
    const res = await t.gql(TYPENAME, {});
    expect(res.data).toEqual({ __typename: 'Query' });
  });

  it('refuses queries deeper than the limit with BAD_USER_INPUT', async () => {
    const deep = '{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }';
    // Untyped: an introspection query (outside the generated types) the depth limit must refuse.
    const res = await t.gql<unknown>(deep);
    expect(res.data).toBeNull();
    expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refuses request bodies over 1 MiB', async () => {
    const res = await t.http
      .post('/graphql')
      .set('content-type', 'application/json')
      .send({ query: `{ __typename }`, variables: { pad: 'x'.repeat(1_100_000) } });
    expect(res.status).toBe(413);
  });

  it('reports unauthenticated access with UNAUTHENTICATED', async () => {
    const res = await t.gql(AUDIT_EVENTS, {});
    expect(res.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
