import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AccountType } from './chart.js';

/** An account of one book's chart. The code is stable across books (see chart.ts). */
@Entity('accounts')
@Index('accounts_book_code_key', ['bookId', 'code'], { unique: true })
@Index('accounts_id_book_key', ['id', 'bookId'], { unique: true })
export class Account {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'book_id' })
  bookId: string;

  @Column('text')
  code: string;

  @Column('text')
  type: AccountType;

  @Column('text', { name: 'name_ja' })
  nameJa: string;

  @Column('text', { name: 'name_en' })
  nameEn: string;

  /** Part of the standard chart (created with the book) rather than added by an admin. */
  @Column('boolean', { default: false })
  standard: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
