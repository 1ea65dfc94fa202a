import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An individual member's name (個人会員): kanji and full-width katakana. */
@Entity('persons')
export class Person {
  @PrimaryColumn('uuid', { name: 'member_id' })
  memberId: string;

  @Column('text', { name: 'family_name' })
  familyName: string;

  @Column('text', { name: 'given_name' })
  givenName: string;

  @Column('text', { name: 'family_name_kana' })
  familyNameKana: string;

  @Column('text', { name: 'given_name_kana' })
  givenNameKana: string;
}
