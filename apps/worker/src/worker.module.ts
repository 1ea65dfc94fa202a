import { Module } from '@nestjs/common';
import { CoreModule, WorkerRuntimeModule } from '#core';
import { AuthModule } from '#auth';
import { AuditModule } from '#audit';
import { FederationModule } from '#federation';

/** The BullMQ worker: the same libraries as the gateway, their job handlers, the outbox relay. */
@Module({
  imports: [CoreModule.forRoot(), WorkerRuntimeModule, AuthModule, AuditModule, FederationModule],
})
export class WorkerModule {}
