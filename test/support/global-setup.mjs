// Jest global setup of the integration and e2e projects: the template database is migrated once,
// before any test file starts; each file then copies it (createTestDatabase). The migration runs in
// a child Node process under the TypeScript loader (Jest does not transform an ESM global setup).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default function globalSetup() {
  // The run's name: its test databases carry it, and the global teardown drops them (global-teardown.mjs).
  process.env.RENTAI_TEST_RUN ??= String(process.pid);
  if (process.env.RENTAI_TEST_TEMPLATE) return;
  const out = execFileSync(
    process.execPath,
    ['--conditions=source', '--import', './test/support/ts-loader.mjs', 'test/support/migrate-template.ts'],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  // The test workers inherit it: they copy this template without checking the migrations again.
  process.env.RENTAI_TEST_TEMPLATE = out.trim().split('\n').pop();
}
