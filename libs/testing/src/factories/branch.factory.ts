import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { SYSTEM_ACTOR } from '#auth';
import { BranchService, type Branch, type NewBranch } from '#federation';

/** A branch (with its book), created through the federation's service as the system. */
export async function createBranch(app: INestApplicationContext, overrides: Partial<NewBranch> = {}): Promise<Branch> {
  const code = overrides.code ?? `T${randomBytes(3).toString('hex').toUpperCase()}`;
  return app.get(BranchService).create(SYSTEM_ACTOR, {
    code,
    nameJa: `テスト支部${code}`,
    nameEn: `Test branch ${code}`,
    prefecture: '東京都',
    contactEmail: `${code.toLowerCase()}@branch.test.rentai.jp`,
    contactPhone: '03-1234-5678',
    ...overrides,
  });
}
