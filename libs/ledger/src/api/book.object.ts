import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '#core';
import { type Book, BookKind } from '../book.entity.js';
import './ledger-enums.graphql.js';

@ObjectType('Book', { description: '帳簿: the federation, a branch, or the foundation' })
export class BookObject {
  @Field(() => ID) id: string;
  @Field(() => BookKind) kind: BookKind;
  @Field(() => ID, { nullable: true }) branchId: string | null;
  @Field() nameJa: string;
  @Field() nameEn: string;
  @Field() currency: string;

  static from(b: Book): BookObject {
    return Object.assign(new BookObject(), { id: b.id, kind: b.kind, branchId: b.branchId, nameJa: b.nameJa, nameEn: b.nameEn, currency: b.currency });
  }
}

export const BookConnection = Connection(BookObject);
