import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessGuard } from './access.guard.js';
import { ActorService } from './actor.service.js';
import { RoleGrant } from './role-grant.entity.js';
import { SessionTokenService } from './session-token.service.js';
import { User } from './user.entity.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([User, RoleGrant])],
  providers: [SessionTokenService, ActorService, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [SessionTokenService, ActorService],
})
export class AuthModule {}
