import { Book } from './book.entity.js';
import { Branch } from './branch.entity.js';

export const federationEntities = [Branch, Book];
