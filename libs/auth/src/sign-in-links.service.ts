import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, OneTimeLinks, TransactionService } from '#core';
import { EmailOutbox } from '#notifications';
import { AuthErrors } from './auth.errors.js';
import { LoginToken } from './login-token.entity.js';
import { Role } from '#access';
import { Sessions, type SignedIn } from './sessions.service.js';
import { SignInRateLimit } from './sign-in-rate-limit.js';
import { UserRepository } from './user.repository.js';

export const SIGN_IN_LINK_MINUTES = 15;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** What a sign-in link's token is derived for (OneTimeLinks). */
const SIGN_IN_PURPOSE = 'sign-in';

/**
 * Members sign in by a one-time link sent by e-mail; a link works once, for 15 minutes.
 * Nothing stored can sign anyone in: the token is derived from the login token's id with a
 * key from the configuration (OneTimeLinks), login_tokens keeps only its hash, and the e-mail
 * row keeps only the id (the worker renders the link at send time).
 */
@Injectable()
export class SignInLinks {
  constructor(
    private readonly tx: TransactionService,
    private readonly users: UserRepository,
    private readonly emails: EmailOutbox,
    private readonly limits: SignInRateLimit,
    private readonly sessions: Sessions,
    private readonly clock: Clock,
    private readonly links: OneTimeLinks,
  ) {}

  /**
   * Sends a link when the address belongs to an active member user. The answer is
   * the same whether or not it does, so nobody learns who is a member.
   */
  async request(email: string, locale: 'ja' | 'en' | undefined, ip: string): Promise<true> {
    const address = email.trim().toLowerCase();
    await this.limits.consume([
      ['linkRequestsPerEmail', address],
      ['linkRequestsPerIp', ip],
    ]);
    await this.tx.run(async () => {
      const user = await this.users.findByEmail(address);
      if (!user?.active || !user.grants.some((g) => g.role === Role.MEMBER)) return;
      // The id is chosen here so the token (derived from it) is known before the row is written.
      const id = randomUUID();
      const now = this.clock.now();
      await this.tx.repository(LoginToken).insert({
        id,
        tokenHash: hashOf(this.links.token(SIGN_IN_PURPOSE, id)),
        userId: user.id,
        expiresAt: new Date(now.getTime() + SIGN_IN_LINK_MINUTES * 60_000),
        createdAt: now,
      });
      await this.emails.queue({
        idempotencyKey: `sign-in-link:${id}`,
        to: user.email,
        template: 'member-sign-in-link',
        locale: locale ?? user.locale,
        params: { displayName: user.displayName, signInLink: { path: '/sign-in', purpose: SIGN_IN_PURPOSE, ref: id }, expiresInMinutes: SIGN_IN_LINK_MINUTES },
      });
    });
    return true;
  }

  /**
   * Consumes the link (one UPDATE: unused and unexpired, or nothing) and opens a session with
   * MEMBER authority only, whatever else the user holds: staff roles need the password.
   */
  async signIn(token: string): Promise<SignedIn> {
    return this.tx.run(async (manager) => {
      const now = this.clock.now();
      const [rows]: [{ user_id: string }[], number] = await manager.query(
        `UPDATE login_tokens SET used_at = $2
          WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
          RETURNING user_id`,
        [hashOf(token), now],
      );
      const user = rows[0] ? await this.users.findById(rows[0].user_id) : null;
      if (!user?.active || !user.grants.some((g) => g.role === Role.MEMBER)) throw AuthErrors.invalidSignInLink();
      return this.sessions.open(user, 'link');
    });
  }
}
