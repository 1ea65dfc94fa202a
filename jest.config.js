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

export default {
  maxWorkers: 2,
  // A worker keeps every test file's module graph (ESM under --experimental-vm-modules re-evaluates them per file and
  // V8 contexts leak): past ~150 files a worker held 4.5 GB, near V8's heap limit, and unit specs of milliseconds took
  // 50-130 s in its garbage collection. Jest restarts a worker between files once it is above this.
  workerIdleMemoryLimit: '1GB',
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{libs,apps,bench,scripts,test}/**/*.spec.ts'] },
    // Both migrate the template database once per run (global setup); each test file copies it.
    { ...common, displayName: 'integration', globalSetup: '<rootDir>/test/support/global-setup.mjs', testMatch: ['<rootDir>/{libs,apps}/**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', globalSetup: '<rootDir>/test/support/global-setup.mjs', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
