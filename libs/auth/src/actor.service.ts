import { Injectable } from '@nestjs/common';
import { PreparedStatements } from '#core';
import { Actor, Role } from '#access';
import { ActorCache } from './actor-cache.js';
import { SessionTokenService, type SignInMethod } from './session-token.service.js';

interface ActorRow {
  id: string;
  email: string;
  display_name: string;
  member_id: string | null;
  locale: 'ja' | 'en';
  session_version: number;
  grants: { role: Role; branchId: string | null }[];
}

const USER_BY_EMAIL_SQL = `SELECT id FROM users WHERE email = $1 AND active`;

const ACTOR_SQL = `SELECT u.id, u.email, u.display_name, u.member_id, u.locale, u.session_version,
        COALESCE(json_agg(json_build_object('role', g.role, 'branchId', g.branch_id)) FILTER (WHERE g.id IS NOT NULL), '[]') AS grants
   FROM users u LEFT JOIN role_grants g ON g.user_id = u.id
  WHERE u.id = $1 AND u.active
  GROUP BY u.id`;

/**
 * Turns a bearer token into an Actor: one prepared query for the user and their grants, or
 * none when the actor is cached (ActorCache: a revoked session, a changed grant or role, a
 * deactivated user take effect on the next request, in every process).
 */
@Injectable()
export class ActorService {
  constructor(
    private readonly statements: PreparedStatements,
    private readonly tokens: SessionTokenService,
    private readonly cache: ActorCache,
  ) {}

  /** Forgets what this process cached of a user: called by use cases changing authority, once committed. */
  forget(userId: string): void {
    this.cache.forget(userId);
  }

  /**
   * A staff user named by e-mail, as the actor of a password session (every grant): what the CLI's
   * `--as <email>` acts as, so the audit log names a person and their branch scope applies. Null for
   * an unknown or deactivated address and for a user holding no staff role (MEMBER authority never
   * comes through here).
   */
  async staffByEmail(email: string): Promise<Actor | null> {
    const row = (await this.statements.rows<{ id: string }>(USER_BY_EMAIL_SQL, [email.trim().toLowerCase()]))[0];
    const loaded = row ? await this.load(row.id, 'password', { fresh: true }) : null;
    return loaded && loaded.actor.grants.some((g) => g.role !== Role.MEMBER) ? loaded.actor : null;
  }

  async fromBearer(header: string | string[] | undefined): Promise<Actor | null> {
    const value = Array.isArray(header) ? header[0] : header;
    if (!value?.startsWith('Bearer ')) return null;
    const claims = await this.tokens.verify(value.slice(7).trim());
    if (!claims) return null;
    let actor = await this.load(claims.userId, claims.via);
    // A cached actor older than the token (a new session in another process, not yet announced here): read again.
    if (actor && actor.sessionVersion < claims.sessionVersion) actor = await this.load(claims.userId, claims.via, { fresh: true });
    return actor && actor.sessionVersion === claims.sessionVersion ? actor.actor : null;
  }

  /**
   * The user as an actor of a session opened `via` password (every grant) or link (the MEMBER
   * grant only: whoever reads the user's mailbox must not get their staff roles).
   */
  async load(userId: string, via: SignInMethod = 'password', options: { fresh?: boolean } = {}): Promise<{ actor: Actor; sessionVersion: number } | null> {
    const cached = options.fresh ? undefined : this.cache.get(userId, via);
    if (cached) return cached;
    const stamp = this.cache.stamp(userId);
    const row = (await this.statements.rows<ActorRow>(ACTOR_SQL, [userId]))[0];
    if (!row) return null;
    const grants = via === 'link' ? row.grants.filter((g) => g.role === Role.MEMBER) : row.grants;
    const loaded = {
      actor: new Actor(row.id, row.email, grants, row.member_id, row.locale, row.display_name, via),
      sessionVersion: row.session_version,
    };
    this.cache.remember(userId, via, loaded, stamp);
    return loaded;
  }
}
