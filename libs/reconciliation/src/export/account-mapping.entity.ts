import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** How one account of a book is called in the book's accounting software (弥生, freee, Money Forward). */
@Entity('reconciliation_account_mappings')
export class AccountMappingEntry {
  @PrimaryColumn('uuid', { name: 'book_id' })
  bookId: string;

  @PrimaryColumn('text', { name: 'account_code' })
  accountCode: string;

  /** 勘定科目 as registered in the accounting software. */
  @Column('text')
  name: string;

  /** 補助科目. */
  @Column('text', { name: 'sub_name', nullable: true })
  subName: string | null;

  /** 税区分 (e.g. 対象外). */
  @Column('text', { name: 'tax_class', nullable: true })
  taxClass: string | null;

  @Column('uuid', { name: 'updated_by', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
