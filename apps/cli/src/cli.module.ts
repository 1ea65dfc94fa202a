import { Module } from '@nestjs/common';
import { CoreModule } from '#core';
import { AuthModule } from '#auth';
import { AuditModule } from '#audit';
import { FederationModule } from '#federation';

/** The libraries the CLI's commands call. No HTTP, no queue processors. */
@Module({
  imports: [CoreModule.forRoot(), AuthModule, AuditModule, FederationModule],
})
export class CliModule {}
