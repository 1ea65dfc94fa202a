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
  /**
   * A donation's money is in (libs/donations): online once Stripe says so, or recorded by a treasurer.
   * Receipts issue the 寄附金受領証明書 (per gift, or in the annual one). donorId: one donors row per
   * member, or per guest e-mail normalised. receivedOn: ISO date, Asia/Tokyo.
   */
  'donation.succeeded': {
    donationId: string;
    donorId: string;
    memberId: string | null;
    bookId: string;
    fundId: string;
    fundNameJa: string;
    fundNameEn: string;
    restricted: boolean;
    amountYen: number;
    receivedOn: string;
    receiptPreference: 'PER_GIFT' | 'ANNUAL' | 'NONE';
    monthlyGiftId: string | null;
    donorNameKanji: string;
    donorNameKana: string | null;
    donorEmail: string | null;
    donorPostalCode: string | null;
    donorAddress: string | null;
    language: 'ja' | 'en';
  };
  /** Stripe refunded part or all of a donation (libs/donations); the ledger is reversed for that part. Receipts void or reissue. */
  'donation.refunded': { donationId: string; refundedAmountYen: number; fullyRefunded: boolean };
}

export type DomainEventName = keyof DomainEventPayloads;

/**
 * in-transaction: runs inside the publisher's transaction; its failure rolls the change back
 * (rules that must hold together). after-commit: runs in the worker after the change commits,
 * retried until it succeeds, once per event key (work that may fail and retry).
 */
export type DomainEventPhase = 'in-transaction' | 'after-commit';
