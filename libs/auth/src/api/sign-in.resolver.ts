import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '#access';
import { CurrentActor, Public, SignedIn } from '#access';
import { ClientIp } from '../client-ip.decorator.js';
import { PasswordSignIn } from '../password-sign-in.service.js';
import { Sessions } from '../sessions.service.js';
import { SignInLinks } from '../sign-in-links.service.js';
import { UserDirectory } from '../user-directory.service.js';
import { SessionObject } from './session.object.js';
import { RequestSignInLinkInput, SignInInput, SignInWithLinkInput } from './sign-in.input.js';
import { UserObject } from './user.object.js';

@Resolver()
export class SignInResolver {
  constructor(
    private readonly passwords: PasswordSignIn,
    private readonly links: SignInLinks,
    private readonly sessions: Sessions,
    private readonly directory: UserDirectory,
  ) {}

  @Mutation(() => SessionObject, { description: 'Staff sign in with e-mail and password' })
  @Public()
  async signIn(@Args('input') input: SignInInput, @ClientIp() ip: string): Promise<SessionObject> {
    return SessionObject.from(await this.passwords.signIn(input.email, input.password, ip));
  }

  @Mutation(() => Boolean, { description: 'Members: e-mails a one-time sign-in link. Always true, whether or not the address is known.' })
  @Public()
  async requestSignInLink(@Args('input') input: RequestSignInLinkInput, @ClientIp() ip: string): Promise<boolean> {
    return this.links.request(input.email, input.locale, ip);
  }

  @Mutation(() => SessionObject, { description: 'Members: sign in with the token of an e-mailed link (once, within 15 minutes)' })
  @Public()
  async signInWithLink(@Args('input') input: SignInWithLinkInput): Promise<SessionObject> {
    return SessionObject.from(await this.links.signIn(input.token));
  }

  @Mutation(() => Boolean, { description: 'Ends every session of the caller, on every device' })
  @SignedIn()
  async signOutEverywhere(@CurrentActor() actor: Actor): Promise<boolean> {
    await this.sessions.signOutEverywhere(actor);
    return true;
  }

  @Query(() => UserObject, { description: 'The signed-in user, with the roles and branches this session carries (MEMBER only for a session opened by an e-mailed link)' })
  @SignedIn()
  async me(@CurrentActor() actor: Actor): Promise<UserObject> {
    const user = await this.directory.get(actor.userId);
    return UserObject.from({ ...user, grants: user.grants.filter((g) => actor.roles.has(g.role)) });
  }
}
