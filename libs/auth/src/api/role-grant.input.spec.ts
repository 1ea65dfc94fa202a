import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Role } from '#access';
import { RoleGrantInput } from './role-grant.input.js';

const problems = (input: object) =>
  validateSync(plainToInstance(RoleGrantInput, input)).flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m.split(' | ')[0]}`));

describe('RoleGrantInput', () => {
  it.each([Role.BranchAdmin, Role.BranchTreasurer])('%s needs a branch id', (role) => {
    expect(problems({ role, branchId: randomUUID() })).toEqual([]);
    expect(problems({ role })).toEqual([`branchId: ${role} needs the id of a branch`]);
    expect(problems({ role, branchId: 'tokyo' })).toEqual([`branchId: ${role} needs the id of a branch`]);
  });

  it.each([Role.FederationAdmin, Role.Auditor, Role.GrantOfficer, Role.GrantApprover, Role.Member])('%s takes no branch', (role) => {
    expect(problems({ role })).toEqual([]);
    expect(problems({ role, branchId: null })).toEqual([]);
    expect(problems({ role, branchId: randomUUID() })).toEqual([`branchId: ${role} is not held per branch: leave branchId empty`]);
  });

  it('refuses an unknown role', () => {
    expect(problems({ role: 'KING' }).some((p) => p.startsWith('role:'))).toBe(true);
  });
});
