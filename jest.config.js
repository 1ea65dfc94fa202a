/** Jest 30 in ESM mode with @swc/jest; see ../shared/TOOLCHAIN.md. Type-checking is `npm run typecheck`. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'es6' },
  },
];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.(t|j)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(cookie|content-disposition)/)'],
  testEnvironment: 'node',
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons', 'source'] },
};

const databases = { globalSetup: '<rootDir>/test/support/global-setup.mjs', globalTeardown: '<rootDir>/test/support/global-teardown.mjs' };

export default {
  maxWorkers: 2,
  // A worker keeps what each ESM test file loaded (its module registry: Nest, TypeORM, GraphQL… about 1,900
  // files a file) and grows to V8's heap limit within the run (4 GB here), where garbage collection takes
  // all its time and the last files run several times slower. Past 1 GB after a file (10–20 e2e files), the worker is
  // replaced by a fresh one (about a second).
  workerIdleMemoryLimit: '1GB',
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{libs,apps,bench,scripts,test}/**/*.spec.ts'] },
    // Both migrate the template database once per run (global setup); each test file copies it; the teardown drops the copies.
    { ...common, displayName: 'integration', ...databases, testMatch: ['<rootDir>/{libs,apps}/**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', ...databases, testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
