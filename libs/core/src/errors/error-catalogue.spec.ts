import { describe, expect, it } from '@jest/globals';
import { AppError } from './app-error.js';
import { errorCatalogue } from './error-catalogue.js';

const REASONS = errorCatalogue({
  THING_NOT_FOUND: { code: 'NOT_FOUND', ja: (id: string) => `見つかりません (${id})`, en: (id: string) => `Not found (${id})` },
  THING_LOCKED: { code: 'CONFLICT', ja: 'ロックされています', en: 'It is locked' },
});

describe('errorCatalogue', () => {
  it('raises a reason with its code and both messages from the same arguments', () => {
    const error = REASONS.THING_NOT_FOUND.error('42');
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', reason: 'THING_NOT_FOUND', text: { ja: '見つかりません (42)', en: 'Not found (42)' }, fields: [] });
    expect(error.message).toBe('Not found (42)');
  });

  it('names the field when raised at one, whatever the code', () => {
    expect(REASONS.THING_LOCKED.at('input.id')).toMatchObject({
      code: 'CONFLICT',
      reason: 'THING_LOCKED',
      fields: [{ field: 'input.id', messages: [{ ja: 'ロックされています', en: 'It is locked' }] }],
    });
  });

  it('raises a reason as a refused input on a field', () => {
    expect(REASONS.THING_NOT_FOUND.input('input.thingId', '7')).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'THING_NOT_FOUND', fields: [{ field: 'input.thingId' }] });
  });

  it('names several fields at once with the same message', () => {
    expect(REASONS.THING_LOCKED.atEach(['items.0.id', 'items.2.id'])).toMatchObject({
      code: 'CONFLICT',
      reason: 'THING_LOCKED',
      fields: [{ field: 'items.0.id', messages: [{ en: 'It is locked' }] }, { field: 'items.2.id', messages: [{ en: 'It is locked' }] }],
    });
  });

  it('an entry may report the generic INVALID_FIELD under a name of its own', () => {
    const forms = errorCatalogue({ REASON_REQUIRED: { code: 'BAD_USER_INPUT', reason: 'INVALID_FIELD', ja: '理由を入力してください', en: 'Give a reason' } });
    expect(forms.REASON_REQUIRED.at('reason')).toMatchObject({ reason: 'INVALID_FIELD', fields: [{ field: 'reason', messages: [{ ja: '理由を入力してください', en: 'Give a reason' }] }] });
    expect(forms.REASON_REQUIRED.reason).toBe('INVALID_FIELD');
    // @ts-expect-error: no other reason than the key may be given
    errorCatalogue({ OTHER: { code: 'CONFLICT', reason: 'SOMETHING_ELSE', ja: 'だめ', en: 'No' } });
  });

  it('refuses at compile time a reason without both messages or with different arguments', () => {
    // @ts-expect-error: no English message
    errorCatalogue({ HALF: { code: 'CONFLICT', ja: 'だめです' } });
    // @ts-expect-error: the English message takes other arguments
    errorCatalogue({ SKEWED: { code: 'CONFLICT', ja: (a: string) => a, en: (a: number, b: number) => `${a + b}` } });
    // @ts-expect-error: the reason's arguments are checked where it is raised
    REASONS.THING_NOT_FOUND.error(42);
    expect(true).toBe(true);
  });
});
