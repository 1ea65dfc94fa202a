import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { RESOLVER_NAME_METADATA, RESOLVER_PROPERTY_METADATA, RESOLVER_TYPE_METADATA } from '@nestjs/graphql';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLScalarType,
  type GraphQLSchema,
} from 'graphql';
import { ACCESS_RULE, type AccessRule } from '#auth';

export interface ResolverMethod {
  /** Query, Mutation, or the parent type's field for @ResolveField. */
  kind: 'Query' | 'Mutation' | 'Subscription' | 'ResolveField';
  field: string;
  where: string;
  rule: AccessRule | undefined;
}

/** Every resolver method of the app and its access rule, read as the guard reads it (method, then class). */
export function resolverMethods(app: INestApplication): ResolverMethod[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = app.get(Reflector);
  const found: ResolverMethod[] = [];
  for (const wrapper of discovery.getProviders()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || typeof instance !== 'object' || !wrapper.metatype) continue;
    const proto = Object.getPrototypeOf(instance) as object;
    for (const method of scanner.getAllMethodNames(proto)) {
      const fn = instance[method] as (...args: unknown[]) => unknown;
      const type = reflector.get<string | undefined>(RESOLVER_TYPE_METADATA, fn);
      if (!type) continue;
      const property = reflector.get<boolean | undefined>(RESOLVER_PROPERTY_METADATA, fn) === true;
      const kind = property ? 'ResolveField' : (type as ResolverMethod['kind']);
      found.push({
        kind,
        field: reflector.get<string | undefined>(RESOLVER_NAME_METADATA, fn) ?? method,
        where: `${proto.constructor.name}.${method}`,
        rule: reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [fn, proto.constructor as never]),
      });
    }
  }
  return found;
}

/** A value GraphQL accepts for a custom scalar: hints from the name first, then whatever parseValue takes. */
function scalarValue(type: GraphQLScalarType): unknown {
  switch (type.name) {
    case 'ID':
      return randomUUID();
    case 'String':
      return 'x';
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
  }
  const hinted = /date.?time|instant|timestamp/i.test(type.name)
    ? ['2026-04-01T00:00:00.000Z']
    : /date/i.test(type.name)
      ? ['2026-04-01']
      : /month/i.test(type.name)
        ? ['2026-04']
        : [];
  for (const candidate of [...hinted, 1, '1', randomUUID(), 'x', '2026-04-01', '2026-04-01T00:00:00.000Z', true, {}]) {
    try {
      type.parseValue(candidate);
      return candidate;
    } catch {
      // not this one
    }
  }
  throw new Error(`No value found for scalar ${type.name}: teach test/support/access-walk.ts one`);
}

const isRequired = (a: { type: GraphQLInputType; defaultValue?: unknown }) => isNonNullType(a.type) && a.defaultValue === undefined;

/** A variable value of `type`: required input fields only, one list element, the first enum value. */
export function valueOf(type: GraphQLInputType, depth = 0): unknown {
  if (depth > 8) throw new Error('input types nest too deep for the walk');
  if (isNonNullType(type)) return valueOf(type.ofType, depth);
  if (isListType(type)) return [valueOf(type.ofType as GraphQLInputType, depth + 1)];
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter(isRequired)
        .map((f) => [f.name, valueOf(f.type, depth + 1)]),
    );
  }
  if (isScalarType(type)) return scalarValue(type);
  throw new Error(`unexpected input type ${String(type)}`);
}

export interface WalkOperation {
  kind: 'Query' | 'Mutation';
  field: string;
  document: string;
  variables: Record<string, unknown>;
}

/** `mutation ($input: X!) { field(input: $input) { __typename } }` with generated variables, for every root field. */
export function walkOperations(schema: GraphQLSchema): WalkOperation[] {
  const operations: WalkOperation[] = [];
  for (const kind of ['Query', 'Mutation'] as const) {
    const root = kind === 'Query' ? schema.getQueryType() : schema.getMutationType();
    for (const field of Object.values(root?.getFields() ?? {}) as GraphQLField<unknown, unknown>[]) {
      const args = field.args.filter((a: GraphQLArgument) => isRequired(a));
      const definitions = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
      const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
      const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
      operations.push({
        kind,
        field: field.name,
        document: `${kind === 'Query' ? 'query' : 'mutation'} Walk${definitions ? `(${definitions})` : ''} { ${field.name}${call ? `(${call})` : ''}${selection} }`,
        variables: Object.fromEntries(args.map((a) => [a.name, valueOf(a.type)])),
      });
    }
  }
  return operations;
}

/** A query sent with one malformed id or cursor: it must be refused as the caller's mistake, never fail inside. */
export interface MalformedOperation extends WalkOperation {
  /** The argument (or `argument.field` of an input object) that was spoiled. */
  target: string;
  /** What was sent there, for the report. */
  sent: unknown;
  /**
   * The field BAD_USER_INPUT must name; null when the value may happen to be valid for this list
   * (a text cursor key accepts any string), where only a failure inside is wrong.
   */
  mustName: string | null;
}

const cursorOf = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');

/** Cursors no list makes, for every key count up to 4: wrong types, nulls, numbers out of range, not base64 JSON. */
function malformedCursors(): { cursor: string; strict: boolean }[] {
  const strict = [{}, null, 1e20, true].flatMap((v) => [1, 2, 3, 4].map((n) => cursorOf(Array(n).fill(v))));
  const lenient = ['x', '2026-02-30', 'not-a-uuid', '99999999999999999999', 2 ** 40, -1].flatMap((v) => [1, 2, 3, 4].map((n) => cursorOf(Array(n).fill(v))));
  return [
    ...['!!not base64!!', cursorOf({ a: 1 }), cursorOf('x'), ...strict].map((cursor) => ({ cursor, strict: true })),
    ...lenient.map((cursor) => ({ cursor, strict: false })),
  ];
}

/**
 * For every Query: each `ID` argument (and each `ID` field of an input-object argument) sent as
 * a non-UUID, and each `after` sent as hand-made cursors. The other required arguments are
 * generated as in walkOperations, or taken from `known` (real ids of the test's world, so the
 * query gets as far as reading the cursor).
 */
export function malformedOperations(schema: GraphQLSchema, known: Record<string, unknown> = {}): MalformedOperation[] {
  const operations: MalformedOperation[] = [];
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {}) as GraphQLField<unknown, unknown>[]) {
    const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
    const build = (arg: GraphQLArgument, value: unknown, target: string, mustName: string | null): MalformedOperation => {
      const args = [...field.args.filter((a) => isRequired(a) && a !== arg), arg];
      const definitions = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
      const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
      return {
        kind: 'Query',
        field: field.name,
        document: `query Malformed(${definitions}) { ${field.name}(${call})${selection} }`,
        variables: Object.fromEntries(args.map((a) => [a.name, a === arg ? value : a.name in known ? known[a.name] : valueOf(a.type)])),
        target,
        sent: value,
        mustName,
      };
    };
    for (const arg of field.args) {
      const named = getNamedType(arg.type);
      if (named.name === 'ID') {
        const value = isListType(isNonNullType(arg.type) ? arg.type.ofType : arg.type) ? ['not-a-uuid'] : 'not-a-uuid';
        operations.push(build(arg, value, arg.name, arg.name));
      } else if (isInputObjectType(named) && !isListType(isNonNullType(arg.type) ? arg.type.ofType : arg.type)) {
        for (const inner of Object.values(named.getFields())) {
          if (getNamedType(inner.type).name !== 'ID' || isListType(isNonNullType(inner.type) ? inner.type.ofType : inner.type)) continue;
          const value = { ...(valueOf(named) as Record<string, unknown>), [inner.name]: 'not-a-uuid' };
          operations.push(build(arg, value, `${arg.name}.${inner.name}`, inner.name));
        }
      } else if (arg.name === 'after') {
        for (const { cursor, strict } of malformedCursors()) operations.push(build(arg, cursor, 'after', strict ? 'after' : null));
      }
    }
  }
  return operations;
}
