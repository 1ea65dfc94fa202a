import { Book } from './book.entity.js';

export const ledgerEntities = [Book];
