import type { INestApplicationContext } from '@nestjs/common';
import { Role, SYSTEM_ACTOR, UserAdministration } from '#auth';

/** A further role for an existing user, granted as a federation admin would (the user's sessions stay valid). */
export async function grantRole(app: INestApplicationContext, userId: string, role: Role, branchId: string | null = null): Promise<void> {
  await app.get(UserAdministration).grantRole(userId, { role, branchId }, SYSTEM_ACTOR);
}
