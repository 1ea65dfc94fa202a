import type { Documents, TypedDocument } from './schema-types.js';

/**
 * A GraphQL document typed from schema.gql: `gql(`mutation RecordPayment(…) { … }`)` gives the
 * document whose result and variables `TestApp.gql` then checks. The text must be a named operation
 * with no `${}`; after writing or changing one, `npm run schema` generates its types
 * (test/support/schema-types.ts), and until then the call does not compile.
 */
export function gql<Text extends keyof Documents>(text: Text): Documents[Text] {
  return { text } as Documents[Text];
}

export type ResultOf<D> = D extends TypedDocument<infer Result, unknown> ? Result : never;
export type VariablesOf<D> = D extends TypedDocument<unknown, infer Variables> ? Variables : never;
export type { TypedDocument };
