/**
 * The map of ../shared/DESIGN.md, enforced: which library may import which, no cycles, no
 * relative import across a library, no app imported by a library, gateway and worker apart,
 * and no SQL in one library naming another library's tables. Reads the sources; runs nothing.
 * Also, read from the apps' Nest module metadata (nothing started): the worker and the CLI build no
 * GraphQL resolver (each library's resolvers live in its Api module, which only the gateway imports),
 * and the gateway and the CLI build no job handler (each library's live in its worker module).
 */
import { describe, expect, it } from '@jest/globals';
import type { DynamicModule, ForwardReference, Provider, Type } from '@nestjs/common';
import { RESOLVER_TYPE_METADATA } from '@nestjs/graphql';
import { JOB_HANDLER, JOBS } from '#core';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * The arrows DESIGN.md allows between libraries (besides core, which every library may use).
 * access (roles, the Actor, the access decorators), auth and audit are the leaves both sides use —
 * audit needs only access, so auth may record to the audit log without a cycle; notifications (the
 * e-mail outbox) is used by whoever must tell somebody something after a commit.
 */
const LEAVES = ['core', 'access', 'auth', 'audit', 'notifications'];
const ALLOWED: Record<string, string[]> = {
  core: [],
  access: ['core'],
  auth: ['core', 'access', 'notifications', 'audit'],
  audit: ['core', 'access'],
  notifications: ['core'],
  ledger: ['core', 'access', 'auth', 'audit'],
  federation: [...LEAVES, 'ledger'],
  members: [...LEAVES, 'federation'],
  dues: [...LEAVES, 'members', 'federation', 'ledger'],
  payments: [...LEAVES, 'dues', 'ledger', 'members', 'federation'],
  donations: [...LEAVES, 'payments', 'ledger'],
  receipts: [...LEAVES, 'payments', 'donations', 'ledger'],
  renewals: [...LEAVES, 'dues', 'payments', 'members'],
  reconciliation: [...LEAVES, 'payments', 'ledger', 'grants'],
  grants: [...LEAVES, 'ledger'],
  // The demo federation sits at the top of the map: it seeds through every library's services.
  demo: ['core', 'access', 'auth', 'audit', 'notifications', 'ledger', 'federation', 'members', 'dues', 'payments', 'donations', 'receipts', 'renewals', 'reconciliation', 'grants'],
  // Test support (factories, template databases) may know every library; no production code imports it.
  testing: ['core', 'access', 'auth', 'audit', 'notifications', 'ledger', 'federation', 'members', 'dues', 'payments', 'donations', 'receipts', 'renewals', 'reconciliation', 'grants'],
};

/** SQL in a library that names another library's table, with the reason it is allowed. */
const SQL_EXCEPTIONS: { library: string; table: string; reason: string }[] = [
  { library: 'auth', table: 'branches', reason: 'role grants check branch ids without depending on federation; role_grants’ foreign key is the real guard' },
  { library: 'payments', table: 'outbox', reason: 'Stripe webhook intake (StripeEventStore) stores the deliveries arriving together and their outbox jobs in one set-based statement and commit (measured: bench/RESULTS.md); the same columns OutboxService.enqueue writes, the wake-up through OutboxWakeUp' },
  { library: 'payments', table: 'members', reason: "ExpectedPayments.candidates: a batch of bank lines' candidate members found by number, payer key, prefix and family in one statement, LATERAL … LIMIT per key (which the query builder cannot write); the columns ExpectedPayments reads through the entities" },
  { library: 'payments', table: 'dues_invoices', reason: 'ExpectedPayments.candidates (above): the open invoices of those members in the same statement' },
  { library: 'demo', table: '*', reason: 'the demo seed may count what exists' },
  { library: 'testing', table: '*', reason: 'test support reads every table to check invariants (e.g. every journal entry balances)' },
];

/**
 * Tests (and a library's own test kit) that write into another library's table with raw SQL, with the reason.
 * Everywhere else a test builds other libraries' rows through libs/testing's factories (createBranch,
 * createPerson, …), which call the owning library's service; a leaf below that library cannot.
 */
const TEST_SQL_EXCEPTIONS: { file: string; table: string; reason: string }[] = [
  { file: 'libs/auth/src/user-accounts.int-spec.ts', table: 'branches', reason: 'auth is a leaf below federation: its test module cannot build BranchService (createBranch); role_grants.branch_id needs a branch row' },
  { file: 'libs/auth/src/user-accounts.int-spec.ts', table: 'members', reason: 'auth is a leaf below members: its test module cannot build MemberRegistration (createPerson); users.member_id needs a member row' },
  { file: 'libs/ledger/src/testing/ledger-kit.ts', table: 'branches', reason: 'the ledger sits below federation: LedgerKit.branchRow is its tests’ one bare branch row (books.branch_id needs it)' },
  { file: 'libs/ledger/src/ledger-database-rules.int-spec.ts', table: 'audit_events', reason: 'checks that the database refuses TRUNCATE of the append-only audit_events beside the ledger’s own tables: the trigger is under test, not the audit log’s service' },
  { file: 'libs/core/src/graphql/error-formatter.spec.ts', table: 'members', reason: 'the text of a made-up database error (the formatter must not pass it on); no SQL runs' },
];

interface SourceFile {
  path: string;
  /** libs/<name> or apps/<name> */
  owner: { kind: 'lib' | 'app'; name: string };
  test: boolean;
  text: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(full).isDirectory() ? walk(full) : full.endsWith('.ts') ? [full] : [];
  });
}

function sources(): SourceFile[] {
  return ['libs', 'apps'].flatMap((top) =>
    readdirSync(join(ROOT, top)).flatMap((name) =>
      walk(join(ROOT, top, name)).map((path) => ({
        path,
        owner: { kind: top === 'libs' ? ('lib' as const) : ('app' as const), name },
        test: /\.(spec|int-spec|e2e-spec)\.ts$/.test(path) || path.split(sep).includes('testing'),
        text: readFileSync(path, 'utf8'),
      })),
    ),
  );
}

/** `import … from 'x'`, `export … from 'x'`, `import 'x'` (side effects) and `import('x')`. */
const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;

function importsOf(file: SourceFile): string[] {
  return [...file.text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** Where a relative import lands: libs/<name>, apps/<name>, or elsewhere (null). */
function ownerOfPath(path: string): { kind: 'lib' | 'app'; name: string } | null {
  const [top, name] = relative(ROOT, path).split(sep);
  if (top === 'libs') return { kind: 'lib', name };
  if (top === 'apps') return { kind: 'app', name };
  return null;
}

function libraryGraph(files: SourceFile[], options: { tests: boolean }): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    if (file.owner.kind !== 'lib' || (file.test && !options.tests)) continue;
    const edges = graph.get(file.owner.name) ?? new Set<string>();
    graph.set(file.owner.name, edges);
    for (const spec of importsOf(file)) {
      const alias = /^#([a-z-]+)$/.exec(spec);
      if (alias && alias[1] !== file.owner.name) edges.add(alias[1]);
    }
  }
  return graph;
}

/** Each table (`@Entity('name')`) and the library that declares it. */
function tableOwners(files: SourceFile[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const file of files) {
    for (const m of file.text.matchAll(/@Entity\(\s*'([a-z_]+)'/g)) if (file.owner.kind === 'lib') owners.set(m[1], file.owner.name);
  }
  return owners;
}

function cycles(graph: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const visit = (node: string, path: string[]) => {
    for (const next of graph.get(node) ?? []) {
      const at = path.indexOf(next);
      if (at >= 0) found.push([...path.slice(at), next]);
      else visit(next, [...path, next]);
    }
  };
  for (const node of graph.keys()) visit(node, [node]);
  // Each cycle once, by its sorted members.
  const seen = new Set<string>();
  return found.filter((c) => {
    const key = [...new Set(c)].sort().join(',');
    return !seen.has(key) && seen.add(key);
  });
}

describe('the map of DESIGN.md', () => {
  const files = sources();

  it('reads the sources (the test is not vacuous)', () => {
    expect(files.filter((f) => f.owner.kind === 'lib').length).toBeGreaterThan(100);
    expect(libraryGraph(files, { tests: false }).get('payments')?.has('dues')).toBe(true);
  });

  it('every library is on the map', () => {
    const libraries = [...new Set(files.filter((f) => f.owner.kind === 'lib').map((f) => f.owner.name))];
    expect(libraries.filter((l) => !(l in ALLOWED))).toEqual([]);
  });

  it('libraries import only the libraries the map allows', () => {
    const offending: string[] = [];
    for (const [from, targets] of libraryGraph(files, { tests: false })) {
      for (const to of targets) if (!ALLOWED[from]?.includes(to)) offending.push(`${from} → ${to}`);
    }
    expect(offending).toEqual([]);
  });

  it('no production code imports the test-support library', () => {
    const offending = files.filter((f) => !f.test && f.owner.name !== 'testing' && importsOf(f).includes('#testing')).map((f) => relative(ROOT, f.path));
    expect(offending).toEqual([]);
  });

  it('the forbidden arrows are absent: core → a domain library, ledger → dues/payments/donations/grants, federation → members', () => {
    const graph = libraryGraph(files, { tests: false });
    const forbidden: [string, string[]][] = [
      ['core', [...graph.keys()].filter((l) => l !== 'core')],
      ['ledger', ['dues', 'payments', 'donations', 'grants']],
      ['federation', ['members']],
    ];
    expect(forbidden.flatMap(([from, tos]) => tos.filter((to) => graph.get(from)?.has(to)).map((to) => `${from} → ${to}`))).toEqual([]);
  });

  it('there is no cycle between libraries', () => {
    const graph = libraryGraph(files, { tests: false });
    expect(cycles(graph).map((c) => c.join(' → '))).toEqual([]);
  });

  it('no library imports an app, and neither app imports the other', () => {
    const offending: string[] = [];
    for (const file of files) {
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = ownerOfPath(resolve(dirname(file.path), spec));
        if (target?.kind !== 'app') continue;
        if (file.owner.kind === 'lib' || (target.name !== file.owner.name && ['gateway', 'worker'].includes(target.name) && ['gateway', 'worker'].includes(file.owner.name))) {
          offending.push(`${relative(ROOT, file.path)} → ${spec}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it('no relative import crosses from one library into another (they go through #name)', () => {
    const offending: string[] = [];
    for (const file of files) {
      if (file.owner.kind !== 'lib') continue;
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = ownerOfPath(resolve(dirname(file.path), spec));
        if (target?.kind === 'lib' && target.name !== file.owner.name) offending.push(`${relative(ROOT, file.path)} → ${spec}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('SQL in a library names only its own tables', () => {
    const tableOwner = tableOwners(files);
    expect(tableOwner.size).toBeGreaterThan(20);
    const sqlTable = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES)\s+"?([a-z_]+)"?/g;
    const offending = new Set<string>();
    for (const file of files) {
      if (file.owner.kind !== 'lib' || file.test) continue;
      // SQL lives in string and template literals.
      for (const literal of file.text.matchAll(/`[^`]*`|'[^'\n]*'/g)) {
        for (const m of literal[0].matchAll(sqlTable)) {
          const owner = tableOwner.get(m[1]);
          if (!owner || owner === file.owner.name) continue;
          const allowed = SQL_EXCEPTIONS.some((e) => e.library === file.owner.name && (e.table === '*' || e.table === m[1]));
          if (!allowed) offending.add(`${relative(ROOT, file.path)}: ${m[1]} (${owner})`);
        }
      }
    }
    expect([...offending]).toEqual([]);
  });

  it('tests write into another library’s tables only through its service (the factories), or as a listed exception', () => {
    const tableOwner = tableOwners(files);
    const sqlWrite = /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?([a-z_]+)"?/g;
    const found = new Set<string>();
    for (const file of files) {
      if (file.owner.kind !== 'lib' || !file.test || file.owner.name === 'testing') continue;
      for (const literal of file.text.matchAll(/`[^`]*`|'[^'\n]*'/g)) {
        for (const m of literal[0].matchAll(sqlWrite)) {
          const owner = tableOwner.get(m[1]);
          if (owner && owner !== file.owner.name) found.add(`${relative(ROOT, file.path).split(sep).join('/')}: ${m[1]}`);
        }
      }
    }
    const listed = new Set(TEST_SQL_EXCEPTIONS.map((e) => `${e.file}: ${e.table}`));
    expect([...found].filter((f) => !listed.has(f))).toEqual([]);
    // Every exception still needed (none left behind by a fix).
    expect([...listed].filter((l) => !found.has(l))).toEqual([]);
  });
});

/** An array literal whose elements include a Role value: `[Role.X]`, `[Role.X, Role.Y]`, `[...LIST, Role.X]`. */
const ROLE_ARRAY = /\[\s*(?:(?:\.\.\.)?[\w.]+\s*,\s*)*Role\.[A-Z_]+\s*[,\]]/g;
/** `@Global()` as a decorator (not in a comment's prose). */
const GLOBAL_DECORATOR = /^\s*@Global\(\)/m;

describe('one vocabulary, one place: role lists in #access, global modules in #core', () => {
  const files = sources();
  const production = files.filter((f) => f.owner.kind === 'lib' && !f.test);

  it('the patterns find what they look for (the checks are not vacuous)', () => {
    for (const sample of ['[Role.MEMBER]', '[Role.FEDERATION_ADMIN, Role.AUDITOR]', '[...GRANT_READERS, Role.MEMBER]', '[\n  Role.BRANCH_ADMIN,\n]']) expect(sample.match(ROLE_ARRAY)).not.toBeNull();
    for (const sample of ['@Allow(Role.MEMBER, Role.GRANT_OFFICER)', 'actor.has(...GRANT_STAFF)', '[[...userIds], Role.MEMBER]', "grants: [{ role: Role.MEMBER, branchId: null }]"]) expect(sample.match(ROLE_ARRAY)).toBeNull();
    const roleLists = production.find((f) => f.path.endsWith(join('libs', 'access', 'src', 'role-lists.ts')));
    expect(roleLists?.text.match(ROLE_ARRAY)?.length).toBeGreaterThan(20);
    expect(production.filter((f) => GLOBAL_DECORATOR.test(f.text) && f.owner.name === 'core').length).toBeGreaterThanOrEqual(4);
  });

  it('no library but #access declares a list of roles: who may do what is named once, in libs/access/src/role-lists.ts', () => {
    const offending = production
      .filter((f) => f.owner.name !== 'access')
      .flatMap((f) => [...f.text.matchAll(ROLE_ARRAY)].map((m) => `${relative(ROOT, f.path)}:${f.text.slice(0, m.index).split('\n').length}: ${m[0].replace(/\s+/g, ' ')}`));
    expect(offending).toEqual([]);
  });

  it('only #core declares @Global modules (infrastructure every module needs); a domain library is imported where it is used', () => {
    const offending = files
      .filter((f) => !f.test && f.owner.name !== 'core')
      .filter((f) => GLOBAL_DECORATOR.test(f.text))
      .map((f) => relative(ROOT, f.path));
    expect(offending).toEqual([]);
  });
});

/** A module as @Module leaves it: a class with metadata, a dynamic module, a promise of one, or a forwardRef. */
type ModuleRef = Type | DynamicModule | Promise<DynamicModule> | ForwardReference;

/**
 * Every provider class in the module graph of `root`, walked as Nest's scanner walks it: the
 * `imports` and `providers` of each @Module class and dynamic module, transitively.
 */
async function providersOf(root: ModuleRef): Promise<Set<Function>> {
  const seen = new Set<unknown>();
  const providers = new Set<Function>();
  const visit = async (ref: ModuleRef | undefined): Promise<void> => {
    let module: unknown = await ref;
    if (module && typeof module === 'object' && 'forwardRef' in module) module = (module as ForwardReference).forwardRef();
    if (!module || seen.has(module)) return;
    seen.add(module);
    const lists: { imports: ModuleRef[]; providers: Provider[] }[] = [];
    if (typeof module === 'function') {
      lists.push({ imports: Reflect.getMetadata('imports', module) ?? [], providers: Reflect.getMetadata('providers', module) ?? [] });
    } else {
      const dynamic = module as DynamicModule;
      await visit(dynamic.module);
      lists.push({ imports: dynamic.imports ?? [], providers: dynamic.providers ?? [] });
    }
    for (const list of lists) {
      for (const provider of list.providers) {
        const type = typeof provider === 'function' ? provider : 'useClass' in provider ? provider.useClass : null;
        if (type) providers.add(type);
      }
      for (const imported of list.imports) await visit(imported);
    }
  };
  await visit(root);
  return providers;
}

/** @Resolver() sets the resolver-type metadata (to undefined when the resolver names no type): its presence is the mark. */
const isResolver = (type: Function) => Reflect.hasMetadata(RESOLVER_TYPE_METADATA, type);

/** The jobs a provider class handles (its methods decorated with @JobHandler). */
function jobsHandledBy(type: Function): string[] {
  const proto = type.prototype as Record<string, unknown> | undefined;
  if (!proto) return [];
  return Object.getOwnPropertyNames(proto)
    .map((name) => Object.getOwnPropertyDescriptor(proto, name)?.value)
    .filter((fn): fn is Function => typeof fn === 'function')
    .map((fn) => Reflect.getMetadata(JOB_HANDLER, fn) as string | undefined)
    .filter((job): job is string => !!job);
}

describe('the GraphQL layer is the gateway’s only, the job handlers the worker’s only', () => {
  it('the worker and the CLI build no resolver; the gateway builds every resolver of the libraries', async () => {
    const { GatewayModule } = await import('../apps/gateway/src/gateway.module.js');
    const { WorkerModule } = await import('../apps/worker/src/worker.module.js');
    const { CliModule } = await import('../apps/cli/src/cli.module.js');
    // Every class decorated with @Resolver in a library's *.resolver.ts.
    const declared: Function[] = [];
    for (const path of walk(join(ROOT, 'libs')).filter((p) => p.endsWith('.resolver.ts'))) {
      const exported = (await import(path)) as Record<string, unknown>;
      declared.push(...Object.values(exported).filter((v): v is Function => typeof v === 'function' && isResolver(v)));
    }
    expect(declared.length).toBeGreaterThan(30);

    const gateway = await providersOf(GatewayModule);
    expect(declared.filter((r) => !gateway.has(r)).map((r) => r.name)).toEqual([]);
    for (const [app, root] of [['worker', WorkerModule], ['cli', CliModule]] as const) {
      const providers = await providersOf(root);
      // Not vacuous: the walk reaches the libraries' services.
      expect(providers.size).toBeGreaterThan(100);
      expect({ app, resolvers: [...providers].filter(isResolver).map((r) => r.name) }).toEqual({ app, resolvers: [] });
    }
  });

  it('the gateway and the CLI build no job handler; the worker builds one for every job of the registry', async () => {
    const { GatewayModule } = await import('../apps/gateway/src/gateway.module.js');
    const { WorkerModule } = await import('../apps/worker/src/worker.module.js');
    const { CliModule } = await import('../apps/cli/src/cli.module.js');
    const worker = [...(await providersOf(WorkerModule))].flatMap(jobsHandledBy).sort();
    expect(worker).toEqual(Object.keys(JOBS).sort());
    for (const [app, root] of [['gateway', GatewayModule], ['cli', CliModule]] as const) {
      const handlers = [...(await providersOf(root))].filter((type) => jobsHandledBy(type).length > 0).map((type) => type.name);
      expect({ app, handlers }).toEqual({ app, handlers: [] });
    }
  });
});
