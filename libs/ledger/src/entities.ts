import { Account } from './account.entity.js';
import { Book } from './book.entity.js';
import { ChainHead } from './chain-head.entity.js';
import { JournalEntry } from './journal-entry.entity.js';
import { JournalLine } from './journal-line.entity.js';
import { Period } from './period.entity.js';

export const ledgerEntities = [Book, Account, ChainHead, JournalEntry, JournalLine, Period];
