import {
  getNamedType,
  getVariableValues,
  isInputObjectType,
  isNonNullType,
  Kind,
  typeFromAST,
  visit,
  BREAK,
  type DocumentNode,
  type GraphQLInputObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { validationFailure } from './validation-failure.js';

/**
 * Mercurius `preExecution` hook that keeps its graphql-jit (the `jit` option) to the documents graphql-jit
 * runs exactly as graphql-js does, and graphql-js's answers for bad variables.
 *
 * graphql-jit 0.8 coerces variables on its own, differently from graphql-js:
 * - an omitted input field that is non-null with a default (`anonymous: Boolean! = false`) inside a variable,
 *   and an omitted variable declared `$x: T! = default`, are refused ("was not provided");
 * - an omitted variable inside an object or list literal (`input: { phone: $phone }`) arrives as `null`
 *   (an update would clear the field) where graphql-js leaves the field out;
 * - its messages for a refused variable differ (`Variable "$email" …` without the path `at "input.email"`).
 * Mercurius validates variables with graphql-js before running a compiled query, except on the request that
 * compiles it. So: a document with any of the first two shapes (or more than one operation, whose variables this
 * hook cannot tell apart) runs on graphql-js (returning the document makes Mercurius skip its compiled query and
 * never compile it); for the others, a document's variables are checked here with graphql-js's own coercion,
 * refused as Mercurius refuses them. The verdict is kept per parsed document (Mercurius caches those by source).
 */
export function graphqlJitGuard() {
  const verdicts = new WeakMap<DocumentNode, OperationDefinitionNode | false | null>();
  return async (schema: GraphQLSchema, document: DocumentNode, _context: unknown, variables?: Record<string, unknown> | null) => {
    let verdict = verdicts.get(document);
    if (verdict === undefined) verdicts.set(document, (verdict = jitVerdict(schema, document)));
    if (verdict === false) return { document };
    if (verdict === null) return undefined;
    const coerced = getVariableValues(schema, verdict.variableDefinitions ?? [], variables ?? {}, { maxErrors: 50 });
    if (coerced.errors) throw validationFailure(coerced.errors);
    return undefined;
  };
}

/**
 * false: run on graphql-js; null: graphql-jit, no variables to check; the operation: graphql-jit, its variables
 * checked by graphql-js first.
 */
export function jitVerdict(schema: GraphQLSchema, document: DocumentNode): OperationDefinitionNode | false | null {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) return false;
  const [operation] = operations;
  const definitions = operation.variableDefinitions ?? [];
  if (definitions.length === 0) return null;
  for (const definition of definitions) {
    if (definition.defaultValue && definition.type.kind === Kind.NON_NULL_TYPE) return false;
    const type = typeFromAST(schema, definition.type);
    const named = type && getNamedType(type);
    if (named && isInputObjectType(named) && hasNonNullDefault(named, new Set())) return false;
  }
  return variableInsideLiteral(document) ? false : operation;
}

/** Whether an input type has, at any depth, a non-null field with a default. */
function hasNonNullDefault(type: GraphQLInputObjectType, seen: Set<GraphQLInputObjectType>): boolean {
  if (seen.has(type)) return false;
  seen.add(type);
  return Object.values(type.getFields()).some((field) => {
    if (isNonNullType(field.type) && field.defaultValue !== undefined) return true;
    const named = getNamedType(field.type);
    return isInputObjectType(named) && hasNonNullDefault(named, seen);
  });
}

function variableInsideLiteral(document: DocumentNode): boolean {
  let depth = 0;
  let found = false;
  const enter = () => void depth++;
  const leave = () => void depth--;
  visit(document, {
    ObjectValue: { enter, leave },
    ListValue: { enter, leave },
    Variable: () => {
      if (depth === 0) return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}
