import { HttpException, Logger } from '@nestjs/common';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { AppError, type ErrorCode, type Locale } from '../errors/app-error.js';
import { localeFrom } from './locale.js';

const logger = new Logger('GraphQL');

const HTTP_CODES: Record<number, ErrorCode> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'BAD_USER_INPUT',
  429: 'TOO_MANY_REQUESTS',
};

function deepestOriginal(error: GraphQLError): unknown {
  let current: unknown = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}

/**
 * A resolver's null for a non-null field: the server's fault. graphql-js wraps a plain Error (handled as unexpected
 * below); graphql-jit (compiled queries) reports the same message with no original error, which would otherwise
 * read as a GraphQL validation error, the caller's mistake.
 */
function nullForNonNull(error: GraphQLError): boolean {
  return !error.originalError && error.path !== undefined && error.message.startsWith('Cannot return null for non-nullable field ');
}

/** Maps any error to a GraphQL error with a stable `extensions.code`, in the caller's language. */
export function formatGraphQLError(error: GraphQLError, locale: Locale, production: boolean): GraphQLError {
  const original = deepestOriginal(error);
  const base = { locations: error.locations, path: error.path };
  if (original instanceof AppError) {
    return new GraphQLError(original.text[locale], {
      ...base,
      extensions: {
        code: original.code,
        reason: original.reason,
        ...(original.fields.length > 0 && {
          fields: original.fields.map((f) => ({ field: f.field, messages: f.messages.map((m) => m[locale]) })),
        }),
      },
    });
  }
  if (original instanceof HttpException) {
    const status = original.getStatus();
    return new GraphQLError(original.message, { ...base, extensions: { code: HTTP_CODES[status] ?? 'INTERNAL_SERVER_ERROR' } });
  }
  const status = (original as { statusCode?: unknown })?.statusCode;
  const mercuriusCode = (original as { code?: unknown })?.code;
  if ((typeof status === 'number' && status >= 400 && status < 500) || (typeof mercuriusCode === 'string' && mercuriusCode.startsWith('MER_ERR_GQL'))) {
    // Mercurius and Fastify request errors: depth limit, body too large, malformed JSON.
    return new GraphQLError((original as Error).message, { ...base, extensions: { code: typeof status === 'number' ? (HTTP_CODES[status] ?? 'BAD_USER_INPUT') : 'BAD_USER_INPUT' } });
  }
  if (original instanceof GraphQLError && !nullForNonNull(original)) {
    // Parse and validation errors (unknown field, wrong type, depth, cost): the caller's mistake.
    const code = (original.extensions?.code as string | undefined) ?? 'BAD_USER_INPUT';
    // The outer message names the argument and field (`Variable "$input" got invalid value 1 at "input.email"; …`);
    // the innermost one only says what a scalar refused. A refused variable also gets its field in `fields`.
    const field = /^Variable "\$\w+" got invalid value .*? at "([\w.[\]]+)"; /s.exec(error.message)?.[1];
    return new GraphQLError(error.message || original.message, {
      ...base,
      extensions: {
        ...original.extensions,
        code: code === 'GRAPHQL_VALIDATION_FAILED' ? 'BAD_USER_INPUT' : code,
        ...(field && { fields: [{ field, messages: [original.message] }] }),
      },
    });
  }
  logger.error(original instanceof Error ? (original.stack ?? original.message) : String(original));
  return new GraphQLError(
    production ? (locale === 'ja' ? 'サーバーでエラーが発生しました' : 'Internal server error') : error.message,
    { ...base, extensions: { code: 'INTERNAL_SERVER_ERROR' } },
  );
}

/** Mercurius errorFormatter: resolver errors answer 200 with `errors`; malformed requests 400. */
export function mercuriusErrorFormatter(production: boolean) {
  return (execution: ExecutionResult, context: { reply?: { request?: { headers?: Record<string, string | string[] | undefined> } } }) => {
    const locale = localeFrom(context?.reply?.request?.headers?.['accept-language']);
    // Validation failures arrive as one error carrying the list of real ones.
    const flat = (execution.errors ?? []).flatMap((e) => {
      const inner = (e.originalError as { errors?: unknown[] } | undefined)?.errors;
      return Array.isArray(inner) ? inner.map((i) => (i instanceof GraphQLError ? i : new GraphQLError((i as Error).message, { originalError: i as Error }))) : [e];
    });
    const errors = flat.map((e) => formatGraphQLError(e, locale, production));
    const statuses = (execution.errors ?? []).map((e) => (e.originalError as { statusCode?: number } | undefined)?.statusCode).filter((s): s is number => typeof s === 'number');
    const statusCode = execution.data ? 200 : statuses.includes(413) ? 413 : errors.every((e) => !e.path) ? 400 : 200;
    return { statusCode, response: { data: execution.data ?? null, errors } };
  };
}
