import type { INestApplicationContext } from '@nestjs/common';
import type { Command } from 'commander';

/** A CLI command: registers itself on the program and runs against the application context. */
export type CliCommand = (program: Command, app: () => Promise<INestApplicationContext>) => void;
