import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Command } from 'commander';
import { CliModule } from './cli.module.js';
import { commands } from './commands/index.js';

const state: { context: INestApplicationContext | null } = { context: null };
const app = async () => (state.context ??= await NestFactory.createApplicationContext(CliModule, { logger: ['error'], abortOnError: false }));

const program = new Command('rentai').description('Rentai command line: imports, exports, checks / 連帯 コマンドライン');
for (const register of commands) register(program, app);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await state.context?.close();
}
