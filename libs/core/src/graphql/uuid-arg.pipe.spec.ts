import { describe, expect, it } from '@jest/globals';
import { AppError } from '../errors/app-error.js';
import { uuidArg } from './uuid-arg.pipe.js';

describe('uuidArg', () => {
  const pipe = uuidArg('memberId');

  it('passes a UUID through, lower-cased, and leaves an absent argument alone', () => {
    expect(pipe.transform('5F0C6C1E-8B0A-4C57-9D5E-2B1F3A4C5D6E')).toBe('5f0c6c1e-8b0a-4c57-9d5e-2b1f3a4c5d6e');
    expect(pipe.transform(undefined)).toBeUndefined();
    expect(pipe.transform(null)).toBeNull();
  });

  it.each(['not-an-id', '', '123', 42])('refuses %p as BAD_USER_INPUT naming the argument', (value) => {
    const error = (() => {
      try {
        pipe.transform(value);
      } catch (e) {
        return e;
      }
    })() as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.fields.map((f) => f.field)).toEqual(['memberId']);
  });
});
