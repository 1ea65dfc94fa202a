import { ReceiptGift } from './donations/receipt-gift.entity.js';
import { ReceiptCounter } from './receipt-counter.entity.js';
import { Receipt } from './receipt.entity.js';

export const receiptsEntities = [ReceiptCounter, Receipt, ReceiptGift];
