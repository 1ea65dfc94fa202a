import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessGuard } from './access.guard.js';
import { ActorService } from './actor.service.js';
import { authEntities } from './entities.js';
import { PasswordHasher } from './password-hasher.js';
import { SessionTokenService } from './session-token.service.js';
import { UserAccounts } from './user-accounts.service.js';
import { UserRepository } from './user.repository.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature(authEntities)],
  providers: [SessionTokenService, ActorService, PasswordHasher, UserRepository, UserAccounts, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [SessionTokenService, ActorService, UserAccounts],
})
export class AuthModule {}
