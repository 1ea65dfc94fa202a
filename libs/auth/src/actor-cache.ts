import { Injectable } from '@nestjs/common';
import { RowChanges } from '#core';
import type { Actor } from '#access';
import type { SignInMethod } from './session-token.service.js';

export interface CachedActor {
  actor: Actor;
  sessionVersion: number;
}

/** Users remembered per process; past this the memory is simply cleared. */
const ACTORS_KEPT = 10_000;

/**
 * Actors (user, session version, grants) by user and sign-in method, kept in memory between
 * requests. Correct across processes: a change to the user or their grants, made anywhere, is
 * announced by PostgreSQL (RowChanges) and the user is forgotten; while that listener is not
 * connected nothing is served from here. Within this process the use cases that change authority
 * also forget the user as soon as they commit, and a load that was under way when the user was
 * forgotten is not remembered (it may have read the rows before the change).
 */
@Injectable()
export class ActorCache {
  private readonly actors = new Map<string, CachedActor>();
  /** Bumped whenever a user (or everyone) is forgotten; a load remembers only if unchanged. */
  private readonly generations = new Map<string, number>();
  private generation = 0;

  constructor(private readonly changes: RowChanges) {
    changes.on('users', (userId) => this.forget(userId));
    changes.on('role_grants', (userId) => this.forget(userId));
  }

  get(userId: string, via: SignInMethod): CachedActor | undefined {
    return this.changes.live ? this.actors.get(`${via}:${userId}`) : undefined;
  }

  /** A stamp to give back to `remember`: what was loaded after it may be remembered. */
  stamp(userId: string): number {
    return this.generation * 1_000_003 + (this.generations.get(userId) ?? 0);
  }

  remember(userId: string, via: SignInMethod, value: CachedActor, stamp: number): void {
    if (!this.changes.live || stamp !== this.stamp(userId)) return;
    if (this.actors.size >= ACTORS_KEPT) this.forget(null);
    this.actors.set(`${via}:${userId}`, value);
  }

  /** Forgets one user (null: everyone). */
  forget(userId: string | null): void {
    if (userId === null) {
      this.generation++;
      this.generations.clear();
      this.actors.clear();
      return;
    }
    this.generations.set(userId, (this.generations.get(userId) ?? 0) + 1);
    this.actors.delete(`password:${userId}`);
    this.actors.delete(`link:${userId}`);
  }
}
