import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Role } from '#access';
import { RoleGrantInput } from './role-grant.input.js';

const problems = (input: object) =>
  validateSync(plainToInstance(RoleGrantInput, input)).flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m.split(' | ')[0]}`));

describe('RoleGrantInput', () => {
  it.each([Role.BRANCH_ADMIN, Role.BRANCH_TREASURER])('%s needs a branch id', (role) => {
    expect(problems({ role, branchId: randomUUID() })).toEqual([]);
    expect(problems({ role })).toEqual([`branchId: ${role} needs the id of a branch`]);
    expect(problems({ role, branchId: 'tokyo' })).toEqual([`branchId: ${role} needs the id of a branch`]);
  });

  it.each([Role.FEDERATION_ADMIN, Role.AUDITOR, Role.GRANT_OFFICER, Role.GRANT_APPROVER, Role.MEMBER])('%s takes no branch', (role) => {
    expect(problems({ role })).toEqual([]);
    expect(problems({ role, branchId: null })).toEqual([]);
    expect(problems({ role, branchId: randomUUID() })).toEqual([`branchId: ${role} is not held per branch: leave branchId empty`]);
  });

  it('refuses an unknown role', () => {
    expect(problems({ role: 'KING' }).some((p) => p.startsWith('role:'))).toBe(true);
  });
});
