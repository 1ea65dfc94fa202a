import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '#core';
import { ACCESS_RULE, requestOf, type AccessRule } from '#access';
import { ActorService } from './actor.service.js';

import { AUTH_REASONS as R } from './auth.errors.js';
/**
 * Default deny: an operation without @Allow, @SignedIn or @Public is refused.
 * The actor is resolved once per request and kept on it.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly actors: ActorService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [ctx.getHandler(), ctx.getClass()]);
    if (!rule) {
      throw R.NO_ACCESS_RULE.error(`${ctx.getClass().name}.${ctx.getHandler().name}`);
    }
    const request = requestOf(ctx);
    if (request && !request.actorLoaded) {
      request.actor = (await this.actors.fromBearer(request.headers.authorization)) ?? undefined;
      request.actorLoaded = true;
    }
    if (rule.kind === 'public') return true;
    const actor = request?.actor;
    if (!actor) throw AppError.unauthenticated();
    if (rule.kind === 'signedIn' || actor.has(...rule.roles)) return true;
    throw R.ROLE_NOT_ALLOWED.error();
  }
}
