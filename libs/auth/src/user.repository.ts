import { Injectable } from '@nestjs/common';
import { TransactionService, keysetPage, type Page } from '#core';
import { RoleGrant } from './role-grant.entity.js';
import { User } from './user.entity.js';
import { Role } from '#access';

export interface GrantRow {
  role: Role;
  branchId: string | null;
}

/** A user as seen when matching members to their sign-in accounts. */
export interface SignInRow {
  id: string;
  email: string;
  memberId: string | null;
}

export interface NewMemberUserRow {
  email: string;
  displayName: string;
  memberId: string;
  locale: 'ja' | 'en';
}

export interface UserFilter {
  role?: Role;
  branchId?: string;
}

/** Users and role grants, in the current transaction. */
@Injectable()
export class UserRepository {
  constructor(private readonly tx: TransactionService) {}

  findById(id: string): Promise<User | null> {
    return this.withGrants('u.id = :value', id);
  }

  findByEmail(email: string): Promise<User | null> {
    return this.withGrants('u.email = :value', email);
  }

  findByMemberId(memberId: string): Promise<User | null> {
    return this.withGrants('u.member_id = :value', memberId);
  }

  /**
   * The one user matching a unique column, with its grants, in one statement (findOne with
   * relations runs two: a DISTINCT query for the id, then the join).
   */
  private withGrants(condition: string, value: string): Promise<User | null> {
    return this.tx.repository(User).createQueryBuilder('u').leftJoinAndSelect('u.grants', 'g').where(condition, { value }).getOne();
  }

  /** Locks the user row for a change of its grants or state. */
  lock(id: string): Promise<User | null> {
    return this.tx.repository(User).createQueryBuilder('u').setLock('pessimistic_write').where('u.id = :id', { id }).getOne();
  }

  /** Inserts unless the e-mail or member record already has a user: the new id, or null. */
  async insertIfAbsent(values: Pick<User, 'email' | 'displayName' | 'passwordHash' | 'memberId' | 'locale'>): Promise<string | null> {
    const rows: { id: string }[] = await this.tx.manager.query(
      `INSERT INTO users (email, display_name, password_hash, member_id, locale) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING id`,
      [values.email, values.displayName, values.passwordHash, values.memberId, values.locale],
    );
    return rows[0]?.id ?? null;
  }

  /** Locks the user of a member record (with its grants loaded afterwards), or null. */
  async lockByMemberId(memberId: string): Promise<User | null> {
    const locked = await this.tx.repository(User).createQueryBuilder('u').select('u.id').setLock('pessimistic_write').where('u.member_id = :memberId', { memberId }).getOne();
    return locked ? this.findById(locked.id) : null;
  }

  /** Users holding any of these member records or e-mail addresses: one query. */
  async signInsOf(memberIds: readonly string[], emails: readonly string[], options: { activeOnly?: boolean } = {}): Promise<SignInRow[]> {
    if (memberIds.length === 0 && emails.length === 0) return [];
    return this.tx.manager.query(
      `SELECT id, email, member_id AS "memberId" FROM users WHERE (member_id = ANY($1::uuid[]) OR email = ANY($2::text[]))${options.activeOnly ? ' AND active' : ''}`,
      [[...memberIds], [...emails]],
    );
  }

  /** member id → the language of the member's own user, for those that have one (one query). */
  async localesOfMembers(memberIds: readonly string[]): Promise<Map<string, 'ja' | 'en'>> {
    if (memberIds.length === 0) return new Map();
    const rows: { member_id: string; locale: 'ja' | 'en' }[] = await this.tx.manager.query(`SELECT member_id, locale FROM users WHERE member_id = ANY($1::uuid[])`, [[...memberIds]]);
    return new Map(rows.map((r) => [r.member_id, r.locale]));
  }

  /** Inserts member users in one statement; rows whose e-mail or member already has a user are skipped. The inserted ones. */
  async insertMemberUsers(rows: readonly NewMemberUserRow[]): Promise<SignInRow[]> {
    if (rows.length === 0) return [];
    return this.tx.manager.query(
      `INSERT INTO users (email, display_name, member_id, locale)
       SELECT r.email, r.display_name, r.member_id, r.locale
         FROM jsonb_to_recordset($1::jsonb) AS r(email text, display_name text, member_id uuid, locale text)
       ON CONFLICT DO NOTHING RETURNING id, email, member_id AS "memberId"`,
      [JSON.stringify(rows.map((r) => ({ email: r.email, display_name: r.displayName, member_id: r.memberId, locale: r.locale })))],
    );
  }

  /** Grants MEMBER to each of these users (one statement); a grant already held stays. */
  async grantMemberRole(userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return;
    await this.tx.manager.query(
      `INSERT INTO role_grants (user_id, role, branch_id) SELECT unnest($1::uuid[]), $2, NULL ON CONFLICT DO NOTHING`,
      [[...userIds], Role.MEMBER],
    );
  }

  /** Changes a user's e-mail and display name. */
  async rename(userId: string, email: string, displayName: string): Promise<void> {
    await this.tx.repository(User).update({ id: userId }, { email, displayName });
  }

  /** Unused sign-in links of a user stop working (they went to an address no longer theirs). */
  async revokeUnusedLoginTokens(userId: string): Promise<void> {
    await this.tx.manager.query(`DELETE FROM login_tokens WHERE user_id = $1 AND used_at IS NULL`, [userId]);
  }

  async linkMember(userId: string, memberId: string): Promise<void> {
    await this.tx.repository(User).update({ id: userId }, { memberId });
  }

  /** Adds grants; a grant the user already holds is left as it is. How many were new. */
  async addGrants(userId: string, grants: GrantRow[]): Promise<number> {
    if (grants.length === 0) return 0;
    const rows: unknown[] = await this.tx.manager.query(
      `INSERT INTO role_grants (user_id, role, branch_id)
       SELECT $1, g.role, g.branch_id FROM jsonb_to_recordset($2::jsonb) AS g(role text, branch_id uuid)
       ON CONFLICT DO NOTHING RETURNING id`,
      [userId, JSON.stringify(grants.map((g) => ({ role: g.role, branch_id: g.branchId })))],
    );
    return rows.length;
  }

  /** Removes one grant; false when the user did not hold it. */
  async removeGrant(userId: string, grant: GrantRow): Promise<boolean> {
    const [, deleted]: [unknown[], number] = await this.tx.manager.query(
      `DELETE FROM role_grants WHERE user_id = $1 AND role = $2 AND branch_id IS NOT DISTINCT FROM $3`,
      [userId, grant.role, grant.branchId],
    );
    return deleted > 0;
  }

  /**
   * Which of these branch ids exist. Read here rather than through the federation
   * library so auth does not depend on it; role_grants' foreign key is the real guard.
   */
  async existingBranchIds(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await this.tx.manager.query(`SELECT id FROM branches WHERE id = ANY($1::uuid[])`, [ids]);
    return new Set(rows.map((r) => r.id));
  }

  /** Serializes changes to who holds `role` (the last-admin rule) until the transaction ends. */
  async lockRole(role: Role): Promise<void> {
    await this.tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('role_grants:' || $1))`, [role]);
  }

  /** Active users holding `role`, other than `exceptUserId`. */
  async countActiveHolders(role: Role, exceptUserId: string): Promise<number> {
    const rows: { n: number }[] = await this.tx.manager.query(
      `SELECT count(DISTINCT u.id)::int AS n FROM users u JOIN role_grants g ON g.user_id = u.id
        WHERE g.role = $1 AND u.active AND u.id <> $2`,
      [role, exceptUserId],
    );
    return rows[0].n;
  }

  async deactivate(userId: string): Promise<void> {
    await this.tx.repository(User).update({ id: userId }, { active: false, sessionVersion: () => 'session_version + 1' });
  }

  /** Bumps the session version: every token issued before stops working. */
  async bumpSessionVersion(userId: string): Promise<void> {
    await this.tx.repository(User).increment({ id: userId }, 'sessionVersion', 1);
  }

  /** Users by e-mail, optionally those holding a role (on a branch); grants loaded for the page in one query. */
  async page(filter: UserFilter, args: { first: number; after?: string }): Promise<Page<User>> {
    const qb = this.tx.repository(User).createQueryBuilder('u');
    if (filter.role || filter.branchId) {
      const conditions = ['g.user_id = u.id'];
      if (filter.role) conditions.push('g.role = :role');
      if (filter.branchId) conditions.push('g.branch_id = :branchId');
      qb.andWhere(`EXISTS (SELECT 1 FROM role_grants g WHERE ${conditions.join(' AND ')})`, filter);
    }
    const page = await keysetPage(qb, [{ expression: 'u.email', value: (u) => u.email }], args);
    await this.attachGrants(page.edges.map((e) => e.node));
    return page;
  }

  private async attachGrants(users: User[]): Promise<void> {
    if (users.length === 0) return;
    const grants = await this.tx
      .repository(RoleGrant)
      .createQueryBuilder('g')
      .where('g.user_id = ANY(:ids)', { ids: users.map((u) => u.id) })
      .orderBy('g.created_at')
      .getMany();
    for (const user of users) user.grants = [];
    const byId = new Map(users.map((u) => [u.id, u]));
    for (const grant of grants) byId.get(grant.userId)?.grants.push(grant);
  }
}
