import { Injectable } from '@nestjs/common';
import { UserAccounts, type Actor } from '#auth';

/** Whom a member's sign-in link goes to, and the name it greets. */
export interface SignInAddress {
  memberId: string;
  email: string;
  displayName: string;
}

/**
 * Members' sign-in accounts (#auth users holding MEMBER), kept in step with the member records
 * in the caller's transaction. An individual member signs in with their own e-mail address; an
 * organizational member with its primary contact's (the organization's own address, often a
 * shared office mailbox, is for correspondence only), so a new primary contact takes over the
 * sign-in. An organization without contacts has no account until its first contact is added.
 * An address can sign in one member only: an address already signing in another member (or
 * belonging to another user, when it changes) is refused as BAD_USER_INPUT on `emailField`.
 */
@Injectable()
export class MemberSignIns {
  constructor(private readonly accounts: UserAccounts) {}

  /** The account of a newly registered member. */
  async open(actor: Actor, address: SignInAddress, emailField: string): Promise<void> {
    await this.accounts.ensureMemberUser(address, actor, { emailField });
  }

  /** The accounts of many new members, set-based (imports, seeding). */
  async openMany(actor: Actor, addresses: readonly SignInAddress[], emailField?: (index: number) => string): Promise<void> {
    await this.accounts.ensureMemberUsers(addresses, actor, { emailField });
  }

  /** The member's address or name changed: the account follows (opened when the member has none yet). */
  async follow(actor: Actor, address: SignInAddress, emailField: string): Promise<void> {
    const changed = await this.accounts.changeMemberEmail(address.memberId, address.email, actor, { displayName: address.displayName, emailField });
    if (!changed) await this.open(actor, address, emailField);
  }

  /** Of these addresses, those already signing in a member (checked before a bulk insert). */
  taken(emails: readonly string[]): Promise<Set<string>> {
    return this.accounts.emailsSigningInMembers(emails);
  }
}
