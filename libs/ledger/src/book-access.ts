import { type Actor, BRANCH_OFFICERS, GRANT_STAFF, Role } from '#auth';
import { type Book, BookKind } from './book.entity.js';

import { LEDGER_REASONS as R } from './ledger.errors.js';

/** Which books an actor may read: every book, or these branches' books (and the foundation's for grant staff). */
export interface BookScope {
  all: boolean;
  branchIds: string[];
  foundation: boolean;
}

export function bookScope(actor: Actor): BookScope {
  if (actor.has(Role.FEDERATION_ADMIN, Role.AUDITOR)) return { all: true, branchIds: [], foundation: true };
  const branches = actor.branchScope(BRANCH_OFFICERS);
  return { all: false, branchIds: branches === 'ALL' ? [] : branches, foundation: actor.has(...GRANT_STAFF) };
}

export function canReadBook(actor: Actor, book: Book): boolean {
  const scope = bookScope(actor);
  if (scope.all) return true;
  if (book.kind === BookKind.BRANCH) return scope.branchIds.includes(book.branchId!);
  return book.kind === BookKind.FOUNDATION && scope.foundation;
}

const notYourBook = () =>
  R.BOOK_NOT_IN_SCOPE.error();

export function requireBookRead(actor: Actor, book: Book): void {
  if (!canReadBook(actor, book)) throw notYourBook();
}

/**
 * Federation admins write to any book; holders of `branchRoles` only to their own branch's book.
 */
export function requireBookWrite(actor: Actor, book: Book, branchRoles: readonly Role[]): void {
  if (actor.has(Role.FEDERATION_ADMIN)) return;
  if (book.kind === BookKind.BRANCH && book.branchId) {
    const scope = actor.branchScope(branchRoles);
    if (scope === 'ALL' || scope.includes(book.branchId)) return;
  }
  throw notYourBook();
}
