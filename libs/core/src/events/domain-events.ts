/**
 * The one registry of domain events and their payloads (as jobs.ts is for jobs). A library
 * that changes something others care about publishes one of these; the publisher names its
 * events in its README, each listener names what it listens to. Payloads carry ids and plain
 * values, never entities. `key` (given at publish) identifies one occurrence: listeners after
 * commit run at most once per key.
 */
/** Who caused an event, as plain data (what the audit trail records of an actor). */
export interface EventActor {
  userId: string;
  email: string;
  displayName: string;
}

export interface DomainEventPayloads {
  /** A member moved to another branch (libs/members). Dues moves the current membership along, in the same transaction. */
  'member.transferred': { memberId: string; fromBranchId: string; toBranchId: string; actor: EventActor };
  /** A dues invoice is now paid in full (libs/dues). Receipts issue the 領収書. */
  'invoice.paid': { invoiceId: string; memberId: string; branchId: string; paidOn: string };
  /** A paid dues invoice is no longer paid in full (a payment on it was voided) (libs/dues). Receipts void its 領収書. */
  'invoice.unpaid': { invoiceId: string; memberId: string; branchId: string };
  /** A gift succeeded (libs/donations). Receipts record it and issue the 寄附金受領証明書 (PER_GIFT) or keep it for the annual receipt (ANNUAL). */
  'donation.succeeded': { donationId: string; donorId: string; memberId: string | null; bookId: string; fundId: string; fundNameJa: string; fundNameEn: string; restricted: boolean; amountYen: number; receivedOn: string /* ISO date, Asia/Tokyo */; receiptPreference: 'PER_GIFT' | 'ANNUAL' | 'NONE'; monthlyGiftId: string | null; donorNameKanji: string; donorNameKana: string | null; donorEmail: string | null; donorPostalCode: string | null; donorAddress: string | null; language: 'ja' | 'en' };
  /** A gift was refunded, in part or in full (libs/donations); `refundedAmountYen` is the total refunded so far. Receipts void its receipt and reissue one for what remains. */
  'donation.refunded': { donationId: string; refundedAmountYen: number; fullyRefunded: boolean };
}

export type DomainEventName = keyof DomainEventPayloads;

/**
 * in-transaction: runs inside the publisher's transaction; its failure rolls the change back
 * (rules that must hold together). after-commit: runs in the worker after the change commits,
 * retried until it succeeds, once per event key (work that may fail and retry).
 */
export type DomainEventPhase = 'in-transaction' | 'after-commit';
