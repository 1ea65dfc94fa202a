import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { SYSTEM_ACTOR } from '#auth';
import { CreateDuesPlanInput, DuesPlanService, ShareKind, type DuesPlan } from '#dues';
import { MemberKind } from '#members';

/**
 * A dues plan, created through the dues service as the system: by default individual,
 * ¥12,000 a fiscal year (April), the federation's share 30 %.
 */
export async function createPlan(app: INestApplicationContext, overrides: Partial<CreateDuesPlanInput> = {}): Promise<DuesPlan> {
  // The input class carries the defaults GraphQL would apply (period mode, grace days, joiner charge).
  const input = Object.assign(new CreateDuesPlanInput(), {
    code: `IND-${randomBytes(3).toString('hex').toUpperCase()}`,
    nameJa: '個人会員',
    nameEn: 'Individual',
    memberKind: MemberKind.PERSON,
    amount: 12_000n,
    federationShareKind: ShareKind.BASIS_POINTS,
    federationShareValue: 3_000n,
    ...overrides,
  });
  return app.get(DuesPlanService).create(SYSTEM_ACTOR, input);
}
