import { createRequire } from 'node:module';

/** Mercurius' own validation error (`MER_ERR_GQL_VALIDATION`, 400, `errors` inside): what it throws for a refused document or bad variables. */
const { MER_ERR_GQL_VALIDATION } = createRequire(import.meta.url)('mercurius/lib/errors.js') as {
  MER_ERR_GQL_VALIDATION: new () => Error & { errors?: readonly Error[] };
};

/**
 * The error a Mercurius hook throws to refuse a request as Mercurius refuses a document at validation: the same
 * status (400) and the same `errors` in the response.
 */
export function validationFailure(errors: readonly Error[]): Error {
  const error = new MER_ERR_GQL_VALIDATION();
  error.errors = errors;
  return error;
}
