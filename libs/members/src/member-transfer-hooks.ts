import { Injectable } from '@nestjs/common';
import type { Actor } from '#auth';

/** What another library does when a member moves branch, in the same transaction (e.g. dues moves the membership). */
export interface MemberTransferHook {
  afterMemberTransfer(actor: Actor, memberId: string, fromBranchId: string, toBranchId: string): Promise<void>;
}

/**
 * Libraries that depend on members register here at module init, so members can tell
 * them of a transfer without depending on them.
 */
@Injectable()
export class MemberTransferHooks {
  private readonly hooks: MemberTransferHook[] = [];

  register(hook: MemberTransferHook): void {
    this.hooks.push(hook);
  }

  async run(actor: Actor, memberId: string, fromBranchId: string, toBranchId: string): Promise<void> {
    for (const hook of this.hooks) await hook.afterMemberTransfer(actor, memberId, fromBranchId, toBranchId);
  }
}
