import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { SYSTEM_ACTOR } from '#auth';
import { MemberRegistration, OrganizationSizeTier, type Member, type NewOrganizationMember, type NewPersonMember } from '#members';

const NAMES: [string, string, string, string][] = [
  ['山田', '太郎', 'ヤマダ', 'タロウ'],
  ['佐藤', '花子', 'サトウ', 'ハナコ'],
  ['鈴木', '一郎', 'スズキ', 'イチロウ'],
  ['高橋', '美咲', 'タカハシ', 'ミサキ'],
  ['田中', '健太', 'タナカ', 'ケンタ'],
];
let sequence = 0;

/** An individual member, registered through the members service as the system. */
export async function createPerson(app: INestApplicationContext, input: Partial<NewPersonMember> & { branchId: string }): Promise<Member> {
  const [familyName, givenName, familyNameKana, givenNameKana] = NAMES[sequence++ % NAMES.length];
  return app.get(MemberRegistration).createPerson(SYSTEM_ACTOR, {
    familyName,
    givenName,
    familyNameKana,
    givenNameKana,
    email: `member-${randomBytes(5).toString('hex')}@example.jp`,
    phone: '090-1234-5678',
    postalCode: '1600023',
    address: '東京都新宿区西新宿1-1-1',
    joinedOn: '2024-04-01',
    ...input,
  });
}

/** An organizational member with one contact (primary and billing). */
export async function createOrganization(app: INestApplicationContext, input: Partial<NewOrganizationMember> & { branchId: string }): Promise<Member> {
  const n = ++sequence;
  return app.get(MemberRegistration).createOrganization(SYSTEM_ACTOR, {
    name: `企業組合テストワーカーズ${n}`,
    nameKana: 'キギョウクミアイテストワーカーズ',
    representativeName: '代表 太郎',
    representativeTitle: '代表理事',
    sizeTier: OrganizationSizeTier.SMALL,
    email: `org-${randomBytes(5).toString('hex')}@example.jp`,
    joinedOn: '2020-04-01',
    contacts: [{ name: '連絡 花子', nameKana: 'レンラク ハナコ', email: `contact-${randomBytes(4).toString('hex')}@example.jp` }],
    ...input,
  });
}
