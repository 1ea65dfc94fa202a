import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { ALL_ROLES, BRANCH_ROLES, Role, type AccessRule } from '#auth';
import { createBranch, createPerson } from '#testing';
import { malformedOperations, resolverMethods, walkOperations, type ResolverMethod, type WalkOperation } from './support/access-walk.js';
import { TestApp, type GqlResult } from './support/test-app.js';

jest.setTimeout(300_000);

type Caller = 'anonymous' | Role;

/** What the guard must answer `caller` for an operation with `rule`: refused (and how) or let through. */
function expectation(rule: AccessRule, caller: Caller): 'UNAUTHENTICATED' | 'ROLE_NOT_ALLOWED' | 'ALLOWED' {
  if (rule.kind === 'public') return 'ALLOWED';
  if (caller === 'anonymous') return 'UNAUTHENTICATED';
  if (rule.kind === 'signedIn') return 'ALLOWED';
  return rule.roles.includes(caller) ? 'ALLOWED' : 'ROLE_NOT_ALLOWED';
}

/** What is wrong with an answer, or null. */
function problem(op: WalkOperation, rule: AccessRule | undefined, caller: Caller, res: GqlResult<unknown>): string | null {
  const errors = res.errors ?? [];
  const describe = () => `${op.kind}.${op.field} as ${caller}: ${JSON.stringify(errors.map((e) => ({ message: e.message, ...e.extensions })))}`;
  if (errors.some((e) => e.extensions.reason === 'NO_ACCESS_RULE')) return `NO_ACCESS_RULE — ${describe()}`;
  if (errors.some((e) => e.extensions.code === 'INTERNAL_SERVER_ERROR')) return `INTERNAL_SERVER_ERROR — ${describe()}`;
  // An error without a path is the document's fault (the walk's arguments), so the guard never ran.
  if (errors.some((e) => !e.path)) return `the walk's request was invalid — ${describe()}`;
  if (!rule) return `no access rule in the resolver's metadata — ${describe()}`;
  const expected = expectation(rule, caller);
  const first = errors[0]?.extensions;
  if (expected === 'UNAUTHENTICATED' && first?.code !== 'UNAUTHENTICATED') return `expected UNAUTHENTICATED — ${describe()}`;
  if (expected === 'ROLE_NOT_ALLOWED' && !(first?.code === 'FORBIDDEN' && first.reason === 'ROLE_NOT_ALLOWED')) return `expected FORBIDDEN/ROLE_NOT_ALLOWED — ${describe()}`;
  if (expected === 'ALLOWED') {
    if (errors.some((e) => e.extensions.reason === 'ROLE_NOT_ALLOWED')) return `allowed by its rule but got ROLE_NOT_ALLOWED — ${describe()}`;
    if (caller !== 'anonymous' && errors.some((e) => e.extensions.code === 'UNAUTHENTICATED' && e.extensions.reason === 'UNAUTHENTICATED')) {
      return `a signed-in caller was told to sign in — ${describe()}`;
    }
  }
  return null;
}

/**
 * Every Query and Mutation of the schema, called by an anonymous caller and by a user of
 * every role, with generated arguments. Operations added later are walked without editing this file.
 */
describe('access rules of every operation', () => {
  let t: TestApp;
  let operations: WalkOperation[];
  let methods: ResolverMethod[];
  let branchId: string;
  /** The member MEMBER callers are (each call signs them in afresh: a mutation may have ended their sessions). */
  let memberId: string;

  beforeAll(async () => {
    t = await TestApp.start({ worker: false });
    operations = walkOperations(t.app.get(GraphQLSchemaHost).schema);
    methods = resolverMethods(t.app);
    ({ id: branchId } = await createBranch(t.app, { code: 'WLK', nameJa: '巡回支部', nameEn: 'Walk' }));
    ({ id: memberId } = await createPerson(t.app, { branchId }));
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A user of `role`: a branch role on the walk's branch, MEMBER as the walk's member. */
  const signIn = (role: Role) => t.signIn(role, { branchIds: BRANCH_ROLES.has(role) ? [branchId] : undefined, memberId: role === Role.MEMBER ? memberId : undefined });
  const ruleOf = (op: WalkOperation) => methods.find((m) => m.kind === op.kind && m.field === op.field)?.rule;

  it('finds the operations of the schema and the resolver method behind each', () => {
    expect(operations.map((o) => o.field)).toEqual(expect.arrayContaining(['me', 'users', 'auditEvents', 'signIn', 'createStaffUser']));
    const unmatched = operations.filter((op) => !methods.some((m) => m.kind === op.kind && m.field === op.field));
    expect(unmatched.map((o) => `${o.kind}.${o.field}`)).toEqual([]);
  });

  it('every query, mutation and resolved field declares who may call it', () => {
    const missing = methods.filter((m) => !m.rule).map((m) => `${m.kind} ${m.field} (${m.where})`);
    expect(missing).toEqual([]);
  });

  it('the guard answers every caller as the rule says, and nothing fails inside', async () => {
    const problems: string[] = [];
    let call = 0;
    for (const op of operations) {
      const rule = ruleOf(op);
      for (const caller of ['anonymous' as const, ...ALL_ROLES]) {
        // A fresh user per call (MEMBER: a fresh session of the walk's member): a mutation may end the caller's sessions (signOutEverywhere).
        const token = caller === 'anonymous' ? undefined : (await signIn(caller)).token;
        // Untyped: the walk builds a document per operation of the schema at run time.
        const res = await t.gql<unknown>(op.document, op.variables, { token, ip: `10.77.${(call >> 8) & 255}.${call++ & 255}` });
        const found = problem(op, rule, caller, res);
        if (found) problems.push(found);
        if (process.env.WALK_LOG) process.stdout.write(`${op.field} ${caller} ${JSON.stringify(res.errors?.map((e) => e.extensions) ?? res.data)}\n`);
      }
    }
    expect(problems).toEqual([]);
  });

  /** A caller the operation's rule lets through: anonymous for public ones, else a federation admin when allowed. */
  const allowedCaller = (rule: AccessRule | undefined): Caller => {
    if (!rule || rule.kind === 'public') return 'anonymous';
    if (rule.kind === 'signedIn' || rule.roles.includes(Role.FEDERATION_ADMIN)) return Role.FEDERATION_ADMIN;
    return rule.roles[0];
  };

  it('a malformed id or a hand-made cursor sent to any query is BAD_USER_INPUT naming it, never a failure inside', async () => {
    const [book] = await t.db.query(`SELECT b.id, (SELECT a.id FROM accounts a WHERE a.book_id = b.id LIMIT 1) AS account_id FROM books b WHERE b.kind = 'FEDERATION'`);
    const malformed = malformedOperations(t.app.get(GraphQLSchemaHost).schema, { bookId: book.id, accountId: book.account_id, fiscalYear: 2026 });
    // The walk reaches the lists and the lookups by id.
    expect(malformed.map((o) => o.field)).toEqual(expect.arrayContaining(['membership', 'duesInvoice', 'duesPlan', 'members', 'payments', 'accountEntries']));
    const tokens = new Map<Caller, string | undefined>();
    const problems: string[] = [];
    let call = 0;
    for (const op of malformed) {
      const caller = allowedCaller(ruleOf(op));
      if (!tokens.has(caller)) {
        tokens.set(caller, caller === 'anonymous' ? undefined : (await signIn(caller)).token);
      }
      // Untyped: the walk builds a document per query of the schema at run time, with malformed arguments on purpose.
      const res = await t.gql<unknown>(op.document, op.variables, { token: tokens.get(caller), ip: `10.78.${(call >> 8) & 255}.${call++ & 255}` });
      const errors = res.errors ?? [];
      const describe = () => `${op.field}(${op.target}: ${JSON.stringify(op.sent)}) as ${caller}: ${res.status} ${JSON.stringify(errors.map((e) => ({ message: e.message, ...e.extensions })))}`;
      if (res.status >= 500 || errors.some((e) => e.extensions.code === 'INTERNAL_SERVER_ERROR')) {
        problems.push(`failed inside — ${describe()}`);
      } else if (op.mustName) {
        const named = errors.some((e) => e.extensions.code === 'BAD_USER_INPUT' && e.extensions.fields?.some((f) => f.field === op.mustName || f.field.endsWith(`.${op.mustName}`)));
        if (!named) problems.push(`expected BAD_USER_INPUT naming ${op.mustName} — ${describe()}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
