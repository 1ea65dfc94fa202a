/** What a grant may pay for. A program funds a subset. */
export enum GrantCostCategory {
  TUITION = 'TUITION',
  TEXTBOOKS = 'TEXTBOOKS',
  TRANSPORT = 'TRANSPORT',
  EXAM_FEES = 'EXAM_FEES',
  CHILDCARE = 'CHILDCARE',
  OTHER = 'OTHER',
}

export enum GrantDocumentKind {
  QUOTE = 'QUOTE',
  ENROLMENT_CONFIRMATION = 'ENROLMENT_CONFIRMATION',
  CERTIFICATE = 'CERTIFICATE',
  IDENTITY = 'IDENTITY',
  OTHER = 'OTHER',
}

export enum GrantPayeeKind {
  PROVIDER = 'PROVIDER',
  APPLICANT = 'APPLICANT',
}

/** 預金種目 of a payee's account: 1 普通 (ordinary), 2 当座 (current), 4 貯蓄 (savings). */
export enum BankAccountType {
  ORDINARY = 'ORDINARY',
  CURRENT = 'CURRENT',
  SAVINGS = 'SAVINGS',
}

export const ZENGIN_ACCOUNT_TYPE: Record<BankAccountType, 1 | 2 | 4> = { ORDINARY: 1, CURRENT: 2, SAVINGS: 4 };

export enum DisbursementStatus {
  /** In the queue for the next batch. */
  SCHEDULED = 'SCHEDULED',
  /** In a batch (exported or not yet). */
  IN_BATCH = 'IN_BATCH',
  PAID = 'PAID',
  /** The bank returned it; a new SCHEDULED disbursement replaces it. */
  RETURNED = 'RETURNED',
  CANCELLED = 'CANCELLED',
}

export enum GrantBatchStatus {
  OPEN = 'OPEN',
  /** The Zengin file was produced: the batch can no longer change. */
  EXPORTED = 'EXPORTED',
}

/** Document types accepted, and the largest file (base64 in a GraphQL request of at most 1 MiB). */
export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const MAX_DOCUMENT_BYTES = 512 * 1024;
