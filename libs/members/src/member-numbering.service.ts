import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import { MemberNumberCounter } from './member-number-counter.entity.js';
import { MemberKind, formatMemberNumber, parseMemberNumber } from './member-number.js';

/**
 * Takes member numbers from the counter row of their kind, in the caller's transaction
 * (the row stays locked until it commits, so numbers are unique; a rollback leaves a gap).
 */
@Injectable()
export class MemberNumbering {
  constructor(private readonly tx: TransactionService) {}

  /** `count` fresh consecutive numbers. */
  async take(kind: MemberKind, count = 1): Promise<string[]> {
    if (count <= 0) return [];
    const result = await this.tx.manager
      .createQueryBuilder()
      .update(MemberNumberCounter)
      .set({ nextValue: () => `next_value + ${Number(count)}` })
      .where('kind = :kind', { kind })
      .returning('next_value')
      .execute();
    const next = Number((result.raw as { next_value: number }[])[0].next_value);
    return Array.from({ length: count }, (_, i) => formatMemberNumber(kind, next - count + i));
  }

  /** Numbers given explicitly (legacy numbers): the counter moves past the largest, so it never hands them out. */
  async reserve(kind: MemberKind, numbers: readonly string[]): Promise<void> {
    const values = numbers.map((n) => parseMemberNumber(kind, n)).filter((v): v is number => v !== null);
    if (values.length === 0) return;
    await this.tx.manager
      .createQueryBuilder()
      .update(MemberNumberCounter)
      .set({ nextValue: () => `GREATEST(next_value, ${Math.max(...values) + 1})` })
      .where('kind = :kind', { kind })
      .execute();
  }
}
