import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import { AuditLog } from '#audit';
import type { Actor } from '#access';
import { ActorService } from './actor.service.js';
import { SessionTokenService, type SignInMethod } from './session-token.service.js';
import type { User } from './user.entity.js';
import { UserRepository } from './user.repository.js';

export interface SignedIn {
  token: string;
  expiresAt: Date;
  user: User;
}

/** Opens sessions (signed tokens carrying the user's session version) and ends them all. */
@Injectable()
export class Sessions {
  constructor(
    private readonly tx: TransactionService,
    private readonly tokens: SessionTokenService,
    private readonly users: UserRepository,
    private readonly audit: AuditLog,
    private readonly actors: ActorService,
  ) {}

  /** A session for `user`; one opened `via` a link carries the MEMBER grant only (see ActorService). */
  async open(user: User, via: SignInMethod): Promise<SignedIn> {
    const { token, expiresAt } = await this.tokens.sign({ userId: user.id, sessionVersion: user.sessionVersion, via });
    return { token, expiresAt, user };
  }

  /** Every token issued to the actor so far stops working (the session version moves on). */
  async signOutEverywhere(actor: Actor): Promise<void> {
    await this.tx.run(async () => {
      await this.users.bumpSessionVersion(actor.userId);
      await this.audit.record(actor, { action: 'user.sign_out_everywhere', entityType: 'User', entityId: actor.userId });
    });
    this.actors.forget(actor.userId);
  }
}
