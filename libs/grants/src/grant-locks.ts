import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import type { Actor } from '#auth';
import { requireCanSee } from './grant-access.js';
import type { GrantApplication } from './grant-application.entity.js';
import { GrantApplicationRepository } from './grant-application.repository.js';
import type { GrantProgram } from './grant-program.entity.js';
import { GrantProgramRepository } from './grant-program.repository.js';
import { GrantsError } from './grants.errors.js';

/**
 * One transaction holding the program's lock, then the application's — always in that order, so
 * decisions, payments and closings of one program are serialized and never deadlock.
 */
@Injectable()
export class GrantLocks {
  constructor(
    private readonly tx: TransactionService,
    private readonly applications: GrantApplicationRepository,
    private readonly programs: GrantProgramRepository,
  ) {}

  onApplication<T>(actor: Actor, id: string, work: (application: GrantApplication, program: GrantProgram) => Promise<T>): Promise<T> {
    return this.tx.run(async () => {
      const peek = await this.applications.findById(id);
      if (!peek) throw GrantsError.applicationNotFound(id);
      requireCanSee(actor, peek);
      const program = (await this.programs.lockById(peek.programId))!;
      const application = (await this.applications.lockById(id))!;
      return work(application, program);
    });
  }
}
