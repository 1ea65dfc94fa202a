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
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{libs,apps,bench,scripts,test}/**/*.spec.ts'] },
    // Both migrate the template database once per run (global setup); each test file copies it; the teardown drops the copies.
    { ...common, displayName: 'integration', ...databases, testMatch: ['<rootDir>/{libs,apps}/**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', ...databases, testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
