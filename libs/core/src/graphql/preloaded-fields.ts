import { GraphQLObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

const PRELOADED = Symbol('preloaded fields');

type Carrier = { [PRELOADED]?: Record<string, unknown> };

/**
 * Gives `parent` the value of its nested field `field` up front: a list resolver that already
 * holds every row's value (e.g. each member's branch from the branch cache) sets it, and the
 * field's own resolver (with Nest's per-field guards, pipes and a promise per row) is skipped
 * for that row; rows without it are resolved as before. Only for fields without arguments whose
 * value the list resolver may show under the same rule as the field (the caller was authorized
 * for the list; the field is at most as restricted).
 */
export function preload<T extends object>(parent: T, field: string, value: unknown): T {
  const carrier = parent as T & Carrier;
  (carrier[PRELOADED] ??= {})[field] = value;
  return parent;
}

/** The schema with every resolved field answering a preloaded value first (GraphQL `transformSchema`). */
export function preloadedFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve as GraphQLFieldResolver<unknown, unknown> | undefined;
      // Plain properties (Nest's rootFieldResolver reads root[field]) need no wrapper: only resolved fields.
      if (!resolve || resolve.name === 'rootFieldResolver' || field.args.length > 0) continue;
      const name = field.name;
      field.resolve = (source, args, context, info) => {
        const preloaded = (source as Carrier | null)?.[PRELOADED];
        return preloaded && name in preloaded ? preloaded[name] : resolve(source, args, context, info);
      };
    }
  }
  return schema;
}

/**
 * The schema with Nest's resolver for plain properties (`rootFieldResolver`: `root[name]`, or the field's
 * `defaultValue` when that is undefined) removed where the field has no default: the same value, read by the
 * executor itself. graphql-js then reads the property (calling it were it a function, which no object type has);
 * graphql-jit inlines the read into the compiled query instead of calling a resolver per field and row (for a page
 * of 50 members, some 400 calls, each with its resolve info and promise check). GraphQL `transformSchema`.
 */
export function plainPropertyFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve as ((root: object) => unknown) | undefined;
      // An empty root gets the field's default: undefined means none, and then the resolver is a plain read.
      if (resolve?.name === 'rootFieldResolver' && resolve({}) === undefined) field.resolve = undefined;
    }
  }
  return schema;
}
