import type { StampDutyRule } from '#core';

/** 印紙税 applies to receipts (17号文書) of this amount or more. */
export const STAMP_DUTY_THRESHOLD = 50_000n;

/**
 * Whether a receipt shows the box for a 収入印紙. Only a paper receipt can need one (an e-mailed
 * PDF is not a taxable document), only from ¥50,000, and then by the issuer's rule: never for a
 * 公益法人 or NPO法人, for a co-operative only when the recipient is not one of its members.
 */
export function needsStampBox(input: { rule: StampDutyRule; amount: bigint; recipientIsMember: boolean; medium: 'email' | 'paper' }): boolean {
  if (input.medium !== 'paper' || input.amount < STAMP_DUTY_THRESHOLD) return false;
  if (input.rule === 'NONE') return false;
  if (input.rule === 'MEMBERS_ONLY') return !input.recipientIsMember;
  return true;
}
