import { Injectable } from '@nestjs/common';
import type { Page } from '#core';
import { AuthErrors } from './auth.errors.js';
import type { User } from './user.entity.js';
import { UserRepository, type UserFilter } from './user.repository.js';

/** Reading users: one by id (with grants), or a keyset page filtered by role and branch. */
@Injectable()
export class UserDirectory {
  constructor(private readonly users: UserRepository) {}

  async get(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw AuthErrors.userNotFound(id);
    return user;
  }

  /** Of these e-mail addresses, those of active users: one query. */
  async activeEmails(emails: readonly string[]): Promise<Set<string>> {
    const users = await this.users.signInsOf([], emails.map((e) => e.trim().toLowerCase()), { activeOnly: true });
    return new Set(users.map((u) => u.email));
  }

  /** The language a member reads e-mail in: their own account's, Japanese when they have none. */
  async localeOfMember(memberId: string): Promise<'ja' | 'en'> {
    return (await this.users.findByMemberId(memberId))?.locale ?? 'ja';
  }

  /** The language each member reads (their own user's), Japanese when they have no user: one query. */
  async memberLocales(memberIds: readonly string[]): Promise<Map<string, 'ja' | 'en'>> {
    const found = await this.users.localesOfMembers([...new Set(memberIds)]);
    return new Map(memberIds.map((id) => [id, found.get(id) ?? 'ja']));
  }

  list(filter: UserFilter, page: { first: number; after?: string }): Promise<Page<User>> {
    return this.users.page(filter, page);
  }
}
