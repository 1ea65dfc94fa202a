import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { MembersArgs, precheckMembersArgs } from './members.args.js';

const UUID = '0b8f3c1e-6a2d-4f7b-9c1e-2d3f4a5b6c7d';

/** Arguments as GraphQL hands them to the pipe (defaults filled in), passing and failing the decorators. */
const CASES: Record<string, unknown>[] = [
  { first: 50, sort: 'MEMBER_NUMBER', direction: 'ASC' },
  { first: 1, sort: 'NAME_KANA', direction: 'DESC', after: 'x'.repeat(500) },
  { first: 100, sort: 'JOINED_ON', direction: 'ASC', filter: { name: 'ﾔﾏﾀﾞ', memberNumber: 'P00001', email: 'a@b', branchId: UUID, status: 'ACTIVE', kind: 'PERSON' } },
  { first: 20, sort: null, direction: null, after: null, filter: { name: null, branchId: null, status: null, kind: null } },
  { first: 20, filter: { name: '山'.repeat(100) } },
  { first: 20, filter: { name: '𠮷'.repeat(100) } }, // 200 UTF-16 units, 100 characters
  { first: 0 },
  { first: 101 },
  { first: 2.5 },
  { first: 20, after: 'x'.repeat(501) },
  { first: 20, sort: 'NAME' },
  { first: 20, direction: 'UP' },
  { first: 20, filter: { name: '山'.repeat(101) } },
  { first: 20, filter: { memberNumber: 'P'.repeat(21) } },
  { first: 20, filter: { email: `${'a'.repeat(250)}@b.jp` } },
  { first: 20, filter: { branchId: 'not-a-uuid' } },
  { first: 20, filter: { status: 'GONE' } },
  { first: 20, filter: { kind: 'ROBOT' } },
  { first: 20, filter: { name: 5 } },
  { first: 20, filter: { colour: 'red' } },
  { first: 20, extra: true },
];

async function passesDecorators(value: Record<string, unknown>): Promise<boolean> {
  const errors = await validate(plainToInstance(MembersArgs, value) as object, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false });
  return errors.length === 0;
}

describe('MembersArgs.precheck (the decorators in one pass)', () => {
  it('never passes what the decorators refuse', async () => {
    for (const value of CASES) if (precheckMembersArgs(value)) expect({ value, valid: await passesDecorators(value) }).toEqual({ value, valid: true });
  });

  it('passes the ordinary pages the decorators accept (the member page, a name search, a branch filter)', async () => {
    const ordinary = CASES.slice(0, 6);
    for (const value of ordinary) expect({ value, valid: await passesDecorators(value), prechecked: precheckMembersArgs(value) }).toEqual({ value, valid: true, prechecked: true });
    expect(CASES.slice(6).filter((v) => precheckMembersArgs(v))).toEqual([]);
    expect(MembersArgs.precheck(CASES[0])).toBe(true);
  });
});
