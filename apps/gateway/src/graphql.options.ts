import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { MercuriusDriver } from '@nestjs/mercurius';
import { AppConfig, graphqlJitGuard, mercuriusErrorFormatter, plainPropertyFields, preloadedFields, queryCostLimit } from '#core';
import { oneSignInPerRequestRule } from '#auth';

export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COST = 5_000;
/**
 * Requests a document runs on graphql-js before graphql-jit compiles it (on the next one). Compiling costs a few
 * milliseconds; a document a console sends all day pays it once, a document sent a handful of times (a test, a rare
 * admin query) never pays it. At 1 the test suite compiled nearly every document it sent, about a quarter of its time.
 */
export const JIT_AFTER = 10;

/** GraphQL on Mercurius: code-first schema (printed to schema.gql by `npm run schema`), depth and cost limits, one sign-in per request. */
export function graphqlOptions(config: AppConfig): MercuriusDriverConfig {
  const queryCost = queryCostLimit(MAX_QUERY_COST);
  return {
    driver: MercuriusDriver,
    autoSchemaFile: true,
    sortSchema: true,
    path: '/graphql',
    graphiql: !config.production,
    // graphql-jit once a document has run JIT_AFTER times (execution about a quarter cheaper for a page of 50), for the
    // documents it runs as graphql-js does; the others, and every refusal of bad variables, stay graphql-js's (jit-guard.ts).
    jit: JIT_AFTER,
    // The jit guard first: it refuses bad variables with graphql-js's messages before the cost counts them. The cost of
    // a document whose page sizes are variables is counted again with each request's variables (query-cost.rule.ts).
    hooks: { preExecution: [graphqlJitGuard(), queryCost.preExecution] as never },
    queryDepth: MAX_QUERY_DEPTH,
    validationRules: [queryCost.rule, oneSignInPerRequestRule],
    errorFormatter: mercuriusErrorFormatter(config.production) as never,
    fieldResolverEnhancers: ['guards'],
    // Nested values a list resolver already holds (preload) skip the per-field resolver; plain properties have none.
    transformSchema: (schema) => plainPropertyFields(preloadedFields(schema)),
  };
}
