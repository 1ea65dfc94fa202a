import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import { MemberLinkConfirmations, UserAccounts, type Actor } from '#auth';
import { MemberKind } from './member-number.js';
import type { Member } from './member.entity.js';
import { MemberRepository } from './member.repository.js';
import { MemberError } from './members.errors.js';
import { OrganizationContactRepository } from './organization-contact.repository.js';

/** Whom a member's sign-in link goes to, and the name it greets. */
export interface SignInAddress {
  memberId: string;
  email: string;
  displayName: string;
  /** Named in the confirmation e-mail to an existing user of that address. */
  memberNumber?: string;
}

/**
 * Members' sign-in accounts (#auth users holding MEMBER), kept in step with the member records
 * in the caller's transaction. An individual member signs in with their own e-mail address; an
 * organizational member with its primary contact's (the organization's own address, often a
 * shared office mailbox, is for correspondence only), so a new primary contact takes over the
 * sign-in. An organization without contacts has no account until its first contact is added.
 * An address can sign in one member only: an address already signing in another member (or
 * belonging to another user, when it changes) is refused as BAD_USER_INPUT on `emailField`.
 * Staff authority never flows through here: an address of an existing user without a member
 * record (staff who are also members) is linked only when that user confirms it (`confirm`),
 * and a user holding a staff role is never renamed by a member edit.
 */
@Injectable()
export class MemberSignIns {
  constructor(
    private readonly tx: TransactionService,
    private readonly accounts: UserAccounts,
    private readonly confirmations: MemberLinkConfirmations,
    private readonly members: MemberRepository,
    private readonly contacts: OrganizationContactRepository,
  ) {}

  /** The account of a newly registered member (or, for an existing user's address, an e-mail asking them to confirm). */
  async open(actor: Actor, address: SignInAddress, emailField: string): Promise<void> {
    await this.accounts.ensureMemberUser(address, actor, { emailField });
  }

  /** The accounts of many new members, set-based (imports, seeding): new users only. */
  async openMany(actor: Actor, addresses: readonly SignInAddress[], emailField?: (index: number) => string): Promise<void> {
    await this.accounts.ensureMemberUsers(addresses, actor, { emailField });
  }

  /** The member's address or name changed: the account follows (opened when the member has none yet). */
  async follow(actor: Actor, address: SignInAddress, emailField: string): Promise<void> {
    const changed = await this.accounts.changeMemberEmail(address.memberId, address.email, actor, { displayName: address.displayName, emailField });
    if (!changed) await this.open(actor, address, emailField);
  }

  /** Of these addresses, those of existing users (members' or staff's), which a bulk insert cannot sign in. */
  taken(emails: readonly string[]): Promise<Set<string>> {
    return this.accounts.emailsOfUsers(emails);
  }

  /**
   * The signed-in user confirms that this member record is theirs: it must sign in with the
   * user's own address (an individual's e-mail, an organization's primary contact's).
   * Otherwise BAD_USER_INPUT on `memberId`, nothing changed.
   */
  async confirm(actor: Actor, memberId: string): Promise<Member> {
    return this.tx.run(async () => {
      const member = await this.members.lockById(memberId);
      if (!member || (await this.signInEmailOf(member)) !== actor.email) throw MemberError.notYourMemberRecord('memberId');
      await this.confirmations.confirm(actor, memberId);
      return member;
    });
  }

  private async signInEmailOf(member: Member): Promise<string | null> {
    if (member.kind === MemberKind.PERSON) return member.email;
    return (await this.contacts.findByMemberIds([member.id])).find((c) => c.isPrimary)?.email ?? null;
  }
}
