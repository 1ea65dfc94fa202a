import type { INestApplicationContext } from '@nestjs/common';
import { Command } from 'commander';
import { commands } from '../../apps/cli/src/commands/index.js';

export interface CliRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * Runs a CLI command in-process against a test app (`rentai <args…>`), capturing what it
 * prints. The commands are the real ones from apps/cli; only the application context differs.
 */
export async function runCli(app: INestApplicationContext, args: string[]): Promise<CliRun> {
  const program = new Command('rentai').exitOverride();
  for (const register of commands) register(program, async () => app);
  const out: string[] = [];
  const err: string[] = [];
  const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  process.stdout.write = ((chunk: string | Uint8Array) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
  const previousExitCode = process.exitCode;
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'rentai', ...args]);
    return { stdout: out.join(''), stderr: err.join(''), exitCode: Number(process.exitCode ?? 0) };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
    process.exitCode = previousExitCode;
  }
}
