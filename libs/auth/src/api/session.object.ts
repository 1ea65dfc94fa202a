import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';
import type { SignedIn } from '../sessions.service.js';
import { UserObject } from './user.object.js';

@ObjectType('Session', { description: 'Send the token as `Authorization: Bearer <token>`' })
export class SessionObject {
  @Field() token: string;
  @Field(() => GraphQLISODateTime) expiresAt: Date;
  @Field(() => UserObject) user: UserObject;

  static from(session: SignedIn): SessionObject {
    return Object.assign(new SessionObject(), { token: session.token, expiresAt: session.expiresAt, user: UserObject.from(session.user) });
  }
}
