import { AppError, type ErrorCode, type Locale, type LocalizedText } from './app-error.js';

/** A message: fixed text, or text made from the reason's arguments. */
type Message<Args extends unknown[]> = string | ((...args: Args) => string);

/**
 * One reason of a library's catalogue: its category (`extensions.code`) and its message in every
 * locale, made from the same arguments. A reason without a message in one locale does not compile.
 */
export type ReasonDefinition<Args extends unknown[] = any[]> = {
  code: ErrorCode;
  /**
   * The reason clients see, when it is not the key: only a generic one, shared by many entries under names
   * of their own — `INVALID_FIELD` (an input refused for its form, the validation pipe's reason too) or
   * `FORBIDDEN` (a refusal with words of its own; AppError.forbidden() is the plain one).
   */
  reason?: GenericReason;
} & { [L in Locale]: Message<Args> };

/** The generic reasons an entry may report under a name of its own (ReasonDefinition.reason). */
export const GENERIC_REASONS = ['INVALID_FIELD', 'FORBIDDEN'] as const;
export type GenericReason = (typeof GENERIC_REASONS)[number];

type ArgsOf<D> = D extends { ja: (...args: infer A) => string } ? A : [];

/** A reason, ready to raise. */
export interface Reason<Args extends unknown[]> {
  /** The stable reason clients branch on (`extensions.reason`), the catalogue's key. */
  readonly reason: string;
  readonly code: ErrorCode;
  text(...args: Args): LocalizedText;
  /** The error, naming no input field. */
  error(...args: Args): AppError;
  /** The error on one input field (`input.allocations.0.invoiceId`), with the message as the field's. */
  at(field: string, ...args: Args): AppError;
  /** The error on several input fields at once (a bulk input), the same message on each. */
  atEach(fields: readonly string[], ...args: Args): AppError;
  /** The same reason as a refused input (BAD_USER_INPUT on `field`): an id given in an input that names nothing. */
  input(field: string, ...args: Args): AppError;
}

export type ErrorCatalogue<D> = { readonly [K in keyof D]: Reason<ArgsOf<D[K]>> };

/**
 * A library's errors as a catalogue: reason (UPPER_SNAKE, what clients see) → category and ja/en
 * messages, so the compiler knows every reason has both and takes the same arguments in each:
 *
 *   export const DUES_REASONS = errorCatalogue({
 *     INVOICE_VOID: { code: 'CONFLICT', ja: (n: string) => `請求書 ${n} は取り消されています`, en: (n: string) => `Invoice ${n} is void` },
 *   });
 *   throw DUES_REASONS.INVOICE_VOID.error(invoice.number);
 *
 * Services raise errors only through their library's catalogue (no message text inline).
 */
export function errorCatalogue<const D extends Record<string, ReasonDefinition>>(
  definitions: D & { [K in keyof D]: ReasonDefinition<ArgsOf<D[K]>> },
): ErrorCatalogue<D> {
  const catalogue: Record<string, Reason<unknown[]>> = {};
  for (const [key, definition] of Object.entries(definitions) as [string, ReasonDefinition][]) {
    const reason = definition.reason ?? key;
    const say = (message: Message<unknown[]>, args: unknown[]) => (typeof message === 'string' ? message : message(...args));
    const text = (...args: unknown[]): LocalizedText => ({ ja: say(definition.ja, args), en: say(definition.en, args) });
    catalogue[key] = {
      reason,
      code: definition.code,
      text,
      error: (...args) => new AppError(definition.code, reason, text(...args)),
      at: (field, ...args) => {
        const message = text(...args);
        return new AppError(definition.code, reason, message, [{ field, messages: [message] }]);
      },
      atEach: (fields, ...args) => {
        const message = text(...args);
        return new AppError(definition.code, reason, message, fields.map((field) => ({ field, messages: [message] })));
      },
      input: (field, ...args) => {
        const message = text(...args);
        return new AppError('BAD_USER_INPUT', reason, message, [{ field, messages: [message] }]);
      },
    };
  }
  return catalogue as ErrorCatalogue<D>;
}
