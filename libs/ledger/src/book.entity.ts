import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum BookKind {
  FEDERATION = 'FEDERATION',
  BRANCH = 'BRANCH',
  FOUNDATION = 'FOUNDATION',
}

/** A set of accounts: one for the federation, one per branch, one for the foundation. */
@Entity('books')
@Index('books_branch_key', ['branchId'], { unique: true, where: 'branch_id IS NOT NULL' })
@Index('books_kind_singleton_key', ['kind'], { unique: true, where: "kind <> 'BRANCH'" })
export class Book {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  kind: BookKind;

  @Column('uuid', { name: 'branch_id', nullable: true })
  branchId: string | null;

  @Column('text', { name: 'name_ja' })
  nameJa: string;

  @Column('text', { name: 'name_en' })
  nameEn: string;

  @Column('char', { length: 3, default: 'JPY' })
  currency: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
