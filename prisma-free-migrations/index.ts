import { Core1764000001000 } from './1764000001000-core.js';
import { Federation1764000002000 } from './1764000002000-federation.js';
import { Auth1764000003000 } from './1764000003000-auth.js';
import { Audit1764000004000 } from './1764000004000-audit.js';
import { Members1764000005000 } from './1764000005000-members.js';
import { Notifications1764000006000 } from './1764000006000-notifications.js';
import { Ledger1764000007000 } from './1764000007000-ledger.js';
import { Dues1764000008000 } from './1764000008000-dues.js';
import { Payments1764000009000 } from './1764000009000-payments.js';
import { AuthHardening1764000020000 } from './1764000020000-auth-hardening.js';
import { LedgerHardening1764000030000 } from './1764000030000-ledger-hardening.js';
import { DuesHardening1764000040000 } from './1764000040000-dues-hardening.js';
import { PlatformHardening1764000050000 } from './1764000050000-platform-hardening.js';
import { Grants1764000060000 } from './1764000060000-grants.js';
import { Stripe1764000080000 } from './1764000080000-stripe.js';
import { DomainEvents1764000081000 } from './1764000081000-domain-events.js';
import { Reconciliation1764000100000 } from './1764000100000-reconciliation.js';
import { Receipts1764000110000 } from './1764000110000-receipts.js';
import { StripeMoney1764000120000 } from './1764000120000-stripe-money.js';
import { DuesRecognition1764000130000 } from './1764000130000-dues-recognition.js';
import { Donations1764000140000 } from './1764000140000-donations.js';
import { AutoRenew1764000150000 } from './1764000150000-auto-renew.js';
import { Renewals1764000160000 } from './1764000160000-renewals.js';
import { ReceiptGifts1764000170000 } from './1764000170000-receipt-gifts.js';
import { ReconciliationPostings1764000180000 } from './1764000180000-reconciliation-postings.js';
import { RowChangeNotifications1764000190000 } from './1764000190000-row-change-notifications.js';
import { DonationDisputes1764000210000 } from './1764000210000-donation-disputes.js';
import { MemberKind1764000300000 } from './1764000300000-member-kind.js';
import { MemberPayerKeys1764000310000 } from './1764000310000-member-payer-keys.js';
import { ReconciliationSettlementLines1764000311000 } from './1764000311000-reconciliation-settlement-lines.js';
import { EmailInDoubt1764000320000 } from './1764000320000-email-in-doubt.js';
import { RenewalRunHotUpdates1764000330000 } from './1764000330000-renewal-run-hot-updates.js';
import { PaymentEntryDeferred1764000340000 } from './1764000340000-payment-entry-deferred.js';
import { PaymentReferenceLookup1764000380000 } from './1764000380000-payment-reference-lookup.js';
import { ReconciliationBookBankAccounts1764000390000 } from './1764000390000-reconciliation-book-bank-accounts.js';
import { ReconciliationFederationSettlementLines1764000391000 } from './1764000391000-reconciliation-federation-settlement-lines.js';
import { RenewalIssuanceDue1764000395000 } from './1764000395000-renewal-issuance-due.js';
import { LedgerPeriodNotifications1764000400000 } from './1764000400000-ledger-period-notifications.js';
import { MembersWithEmail1764000500000 } from './1764000500000-members-with-email.js';
import { InvoiceMembershipMemberKey1764000430000 } from './1764000430000-invoice-membership-member-key.js';
import { LedgerChainsBetweenBooks1764000460000 } from './1764000460000-ledger-chains-between-books.js';

/** Every migration, in order. A new migration file is added here too. */
export const migrations = [
  Core1764000001000,
  Federation1764000002000,
  Auth1764000003000,
  Audit1764000004000,
  Members1764000005000,
  Notifications1764000006000,
  Ledger1764000007000,
  Dues1764000008000,
  Payments1764000009000,
  AuthHardening1764000020000,
  LedgerHardening1764000030000,
  DuesHardening1764000040000,
  PlatformHardening1764000050000,
  Grants1764000060000,
  Stripe1764000080000,
  DomainEvents1764000081000,
  Reconciliation1764000100000,
  Receipts1764000110000,
  StripeMoney1764000120000,
  DuesRecognition1764000130000,
  Donations1764000140000,
  AutoRenew1764000150000,
  Renewals1764000160000,
  ReceiptGifts1764000170000,
  ReconciliationPostings1764000180000,
  RowChangeNotifications1764000190000,
  DonationDisputes1764000210000,
  MemberKind1764000300000,
  MemberPayerKeys1764000310000,
  ReconciliationSettlementLines1764000311000,
  EmailInDoubt1764000320000,
  RenewalRunHotUpdates1764000330000,
  PaymentEntryDeferred1764000340000,
  PaymentReferenceLookup1764000380000,
  ReconciliationBookBankAccounts1764000390000,
  ReconciliationFederationSettlementLines1764000391000,
  RenewalIssuanceDue1764000395000,
  LedgerPeriodNotifications1764000400000,
  InvoiceMembershipMemberKey1764000430000,
  LedgerChainsBetweenBooks1764000460000,
  MembersWithEmail1764000500000,
];
