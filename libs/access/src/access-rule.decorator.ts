import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Role } from './role.js';

export const ACCESS_RULE = Symbol('ACCESS_RULE');

export type AccessRule = { kind: 'public' } | { kind: 'roles'; roles: Role[] } | { kind: 'signedIn' };

/** Only callers holding one of these roles. Branch scope is checked by the service. */
export const Allow = (...roles: Role[]) => SetMetadata(ACCESS_RULE, { kind: 'roles', roles } satisfies AccessRule);

/** Anyone, signed in or not (sign-in itself, health). */
export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);

/** Any signed-in user, whatever their roles (e.g. `me`). */
export const SignedIn = () => SetMetadata(ACCESS_RULE, { kind: 'signedIn' } satisfies AccessRule);

/** The Actor of the request; undefined only on @Public operations called anonymously. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext) => requestOf(ctx)?.actor);

export interface ActorCarrier {
  actor?: import('./actor.js').Actor;
  actorLoaded?: boolean;
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
}

export function requestOf(ctx: ExecutionContext): ActorCarrier | undefined {
  if (ctx.getType<string>() === 'graphql') {
    const gql = GqlExecutionContext.create(ctx).getContext<{ reply?: { request: ActorCarrier }; req?: ActorCarrier }>();
    return gql.reply?.request ?? gql.req;
  }
  return ctx.switchToHttp().getRequest<ActorCarrier>();
}
