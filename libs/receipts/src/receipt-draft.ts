import type { Receipt } from './receipt.entity.js';

/** What a receipt is issued with: the snapshot it prints, the source it is for. */
export type ReceiptDraft = Omit<Receipt, 'id' | 'year' | 'sequence' | 'number' | 'status' | 'voidedAt' | 'voidReason' | 'pdf' | 'pdfSha256' | 'emailId' | 'createdAt' | 'issuedOn'>;
