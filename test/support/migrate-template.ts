// Run by test/support/global-setup.mjs (under the TypeScript loader): migrates the template database
// once for the whole Jest run and prints its name on the last line.
import { ensureTemplateDatabase } from '../../libs/testing/src/test-database.js';

process.stdout.write(`${await ensureTemplateDatabase()}\n`);
