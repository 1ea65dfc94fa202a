import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '#notifications';
import { AccessGuard } from './access.guard.js';
import { ActorCache } from './actor-cache.js';
import { ActorService } from './actor.service.js';
import { authEntities } from './entities.js';
import { MemberLinkConfirmations } from './member-link-confirmations.service.js';
import { PasswordHasher } from './password-hasher.js';
import { PasswordSignIn } from './password-sign-in.service.js';
import { SessionTokenService } from './session-token.service.js';
import { Sessions } from './sessions.service.js';
import { SignInLinks } from './sign-in-links.service.js';
import { SignInRateLimit } from './sign-in-rate-limit.js';
import { UserAccounts } from './user-accounts.service.js';
import { UserAdministration } from './user-administration.service.js';
import { UserDirectory } from './user-directory.service.js';
import { UserRepository } from './user.repository.js';
import { AuditModule } from '#audit';

/** Users, roles, sessions and the default-deny guard. */
@Module({
  imports: [TypeOrmModule.forFeature(authEntities), NotificationsModule, AuditModule],
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
    SessionTokenService,
    ActorService,
    ActorCache,
    PasswordHasher,
    UserRepository,
    UserAccounts,
    MemberLinkConfirmations,
    UserAdministration,
    UserDirectory,
    Sessions,
    SignInRateLimit,
    PasswordSignIn,
    SignInLinks,
  ],
  exports: [SessionTokenService, ActorService, UserAccounts, UserDirectory, MemberLinkConfirmations, UserAdministration, Sessions, PasswordSignIn, SignInLinks],
})
export class AuthModule {}
