import { describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import { GRANT_TRANSITIONS, GrantAction, GrantApplicationStatus as S, transition } from './application-status.js';

const roles = (...r: Role[]) => new Set(r);

describe('grant application transitions', () => {
  it('takes an application from draft to completion through the right roles', () => {
    expect(transition(S.DRAFT, GrantAction.SUBMIT, roles(Role.MEMBER))).toEqual({ ok: true, to: S.SUBMITTED });
    expect(transition(S.SUBMITTED, GrantAction.START_REVIEW, roles(Role.GRANT_OFFICER))).toEqual({ ok: true, to: S.UNDER_REVIEW });
    expect(transition(S.UNDER_REVIEW, GrantAction.REQUEST_CHANGES, roles(Role.GRANT_OFFICER))).toEqual({ ok: true, to: S.CHANGES_REQUESTED });
    expect(transition(S.CHANGES_REQUESTED, GrantAction.SUBMIT, roles(Role.MEMBER))).toEqual({ ok: true, to: S.SUBMITTED });
    expect(transition(S.UNDER_REVIEW, GrantAction.APPROVE, roles(Role.GRANT_APPROVER))).toEqual({ ok: true, to: S.APPROVED });
    expect(transition(S.APPROVED, GrantAction.DISBURSE, roles(Role.GRANT_OFFICER))).toEqual({ ok: true, to: S.DISBURSED });
    expect(transition(S.DISBURSED, GrantAction.COMPLETE, roles(Role.GRANT_OFFICER))).toEqual({ ok: true, to: S.COMPLETED });
  });

  it('refuses the wrong role and the wrong status, saying which', () => {
    expect(transition(S.UNDER_REVIEW, GrantAction.APPROVE, roles(Role.GRANT_OFFICER))).toMatchObject({ ok: false, reason: 'WRONG_ROLE' });
    expect(transition(S.UNDER_REVIEW, GrantAction.APPROVE, roles(Role.FEDERATION_ADMIN, Role.AUDITOR))).toMatchObject({ ok: false, reason: 'WRONG_ROLE' });
    expect(transition(S.SUBMITTED, GrantAction.APPROVE, roles(Role.GRANT_APPROVER))).toEqual({ ok: false, reason: 'WRONG_STATUS', allowedFrom: [S.UNDER_REVIEW] });
    expect(transition(S.UNDER_REVIEW, GrantAction.CANCEL, roles(Role.MEMBER))).toMatchObject({ ok: false, reason: 'WRONG_ROLE' });
  });

  it('ends nowhere after REJECTED, COMPLETED or CANCELLED, and no auditor moves anything', () => {
    for (const end of [S.REJECTED, S.COMPLETED, S.CANCELLED]) expect(GRANT_TRANSITIONS.filter((t) => t.from === end)).toEqual([]);
    expect(GRANT_TRANSITIONS.filter((t) => t.roles.includes(Role.AUDITOR))).toEqual([]);
  });

  it('every status but the ends has a way out', () => {
    for (const s of Object.values(S).filter((s) => ![S.REJECTED, S.COMPLETED, S.CANCELLED].includes(s))) {
      expect(GRANT_TRANSITIONS.some((t) => t.from === s)).toBe(true);
    }
  });
});
