import { describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { AppError } from '../errors/app-error.js';
import { formatGraphQLError } from './error-formatter.js';

/** What a resolver error looks like when it reaches the formatter: wrapped in a GraphQLError. */
const wrapped = (original: Error) => new GraphQLError(original.message, { path: ['members'], originalError: original });

describe('GraphQL error formatting', () => {
  it('hides an unexpected error (here with SQL in it) in production: generic message, no stack, INTERNAL_SERVER_ERROR', () => {
    const sqlError = Object.assign(new Error('duplicate key value violates unique constraint "members_email_key" — INSERT INTO "members" …'), {
      query: 'INSERT INTO "members" ("email") VALUES ($1)',
    });
    const formatted = formatGraphQLError(wrapped(sqlError), 'en', true).toJSON();
    expect(formatted.message).toBe('Internal server error');
    expect(JSON.stringify(formatted)).not.toMatch(/INSERT|members_email_key|stack|at /);
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(formatGraphQLError(wrapped(sqlError), 'ja', true).message).toBe('サーバーでエラーが発生しました');
  });

  it('keeps the message outside production, for developers', () => {
    expect(formatGraphQLError(wrapped(new Error('boom')), 'en', false).message).toBe('boom');
  });

  it("answers an AppError in the caller's language with its code, reason and fields", () => {
    const error = AppError.badInput('input.email', { ja: 'メールアドレスの形式が正しくありません', en: 'email must be an email' });
    const ja = formatGraphQLError(wrapped(error), 'ja', true).toJSON();
    expect(ja.message).toBe('メールアドレスの形式が正しくありません');
    expect(ja.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_FIELD',
      fields: [{ field: 'input.email', messages: ['メールアドレスの形式が正しくありません'] }],
    });
    expect(formatGraphQLError(wrapped(error), 'en', true).message).toBe('email must be an email');
  });

  it('answers a null for a non-null field as INTERNAL_SERVER_ERROR, from graphql-js (an Error inside) and graphql-jit (none) alike', () => {
    const message = 'Cannot return null for non-nullable field Member.name.';
    const fromJs = new GraphQLError(message, { path: ['members', 'edges', 0, 'node', 'name'], originalError: new Error(message) });
    const fromJit = new GraphQLError(message, { path: ['members', 'edges', 0, 'node', 'name'] });
    for (const error of [fromJs, fromJit]) {
      expect(formatGraphQLError(error, 'en', true).toJSON()).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    }
    // An argument refused during execution stays the caller's mistake on both.
    const argument = 'Argument "first" of non-null type "Int!" must not be null.';
    expect(formatGraphQLError(new GraphQLError(argument, { path: ['members'] }), 'en', true).extensions.code).toBe('BAD_USER_INPUT');
    expect(formatGraphQLError(new GraphQLError(argument, { path: ['members'], originalError: new GraphQLError(argument) }), 'en', true).extensions.code).toBe('BAD_USER_INPUT');
  });
});
