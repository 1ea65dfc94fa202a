/**
 * TypeScript types for the GraphQL API, from schema.gql, for the e2e tests (test/support/schema-types.ts).
 *
 * - every enum and input type of the schema, as TypeScript types;
 * - for every document written `gql(`…`)` in test/ (a named query or mutation, no `${}` inside), its
 *   result and variables, read from the document's selections against the schema, and an entry in
 *   `Documents` keyed by the document's exact text, so `gql(text)` returns a document typed by them.
 *
 * Written with the `graphql` package (no codegen dependency). `npm run schema` runs it after rewriting
 * schema.gql; test/schema-types.spec.ts fails when the committed file is stale.
 *
 *   node --conditions=source --import ./test/support/ts-loader.mjs scripts/schema-types.ts [--check]
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isAbstractType,
  isScalarType,
  parse,
  typeFromAST,
  validate,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

const ROOT = join(import.meta.dirname, '..');
export const SCHEMA_FILE = join(ROOT, 'schema.gql');
export const TYPES_FILE = join(ROOT, 'test/support/schema-types.ts');
const DOCUMENT_DIRS = [join(ROOT, 'test')];
/** The generated file and the helper itself (its comment shows the form). */
const SKIPPED = [TYPES_FILE, join(ROOT, 'test/support/gql.ts')];

/** How each scalar reads in a result, and what a variable of it may be given. */
const SCALARS: Record<string, { out: string; in: string }> = {
  ID: { out: 'string', in: 'string' },
  String: { out: 'string', in: 'string' },
  Boolean: { out: 'boolean', in: 'boolean' },
  Int: { out: 'number', in: 'number' },
  Float: { out: 'number', in: 'number' },
  /** Serialized as a JSON number (minor units); a string of digits is accepted as input. */
  Amount: { out: 'number', in: 'number | string' },
  DateTime: { out: 'string', in: 'string' },
  JSON: { out: 'unknown', in: 'unknown' },
};

function scalar(name: string, side: 'out' | 'in'): string {
  const known = SCALARS[name];
  if (!known) throw new Error(`schema-types: no TypeScript type for the scalar ${name} (add it to SCALARS)`);
  return known[side];
}

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** `export type X = 'A' | 'B'` for enums, `export interface X { … }` for input types. */
function schemaTypes(schema: GraphQLSchema): string[] {
  const out: string[] = [];
  const named = Object.values(schema.getTypeMap())
    .filter((t) => !t.name.startsWith('__'))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const type of named) {
    if (isEnumType(type)) {
      out.push(`export type ${type.name} = ${type.getValues().map((v) => `'${v.value}'`).join(' | ')};`);
    } else if (isInputObjectType(type)) {
      const fields = Object.values(type.getFields()).map((f) => {
        const optional = !isNonNullType(f.type) || f.defaultValue !== undefined;
        return `  ${f.name}${optional ? '?' : ''}: ${inputType(f.type)};`;
      });
      out.push(`export interface ${type.name} {\n${fields.join('\n')}\n}`);
    }
  }
  return out;
}

function inputType(type: GraphQLInputType): string {
  if (isNonNullType(type)) return inputBase(type.ofType);
  return `${inputBase(type)} | null`;
}

function inputBase(type: GraphQLInputType): string {
  if (isListType(type)) return `Array<${inputType(type.ofType)}>`;
  return isScalarType(type) ? scalar(type.name, 'in') : getNamedType(type).name;
}

/** The TypeScript type of what a selection set returns on a composite type. */
function selectionType(schema: GraphQLSchema, parent: GraphQLCompositeType, set: SelectionSetNode, indent: string): string {
  const fields: string[] = [];
  const fragments: string[] = [];
  for (const selection of set.selections) {
    if (selection.kind === 'Field') {
      fields.push(`${indent}  ${selection.alias?.value ?? selection.name.value}: ${fieldType(schema, parent, selection, indent + '  ')};`);
    } else if (selection.kind === 'InlineFragment') {
      const on = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType) : parent;
      // A fragment on another type contributes its fields only when the object is of that type.
      const body = selectionType(schema, on, selection.selectionSet, indent);
      fragments.push(on === parent ? body : `Partial<${body}>`);
    } else {
      throw new Error('schema-types: named fragments are not supported in test documents; use an inline fragment');
    }
  }
  const object = `{\n${fields.join('\n')}\n${indent}}`;
  return fragments.length ? [object, ...fragments].join(' & ') : object;
}

function fieldType(schema: GraphQLSchema, parent: GraphQLCompositeType, node: FieldNode, indent: string): string {
  const name = node.name.value;
  if (name === '__typename') return 'string';
  if (isAbstractType(parent) && !('getFields' in parent)) throw new Error(`schema-types: select fields of ${parent.name} through inline fragments`);
  const field = (parent as { getFields(): Record<string, { type: GraphQLOutputType }> }).getFields()[name];
  if (!field) throw new Error(`schema-types: ${parent.name} has no field ${name}`);
  return outputType(schema, field.type, node, indent);
}

function outputType(schema: GraphQLSchema, type: GraphQLOutputType, node: FieldNode, indent: string): string {
  if (isNonNullType(type)) return outputBase(schema, type.ofType, node, indent);
  return `${outputBase(schema, type, node, indent)} | null`;
}

function outputBase(schema: GraphQLSchema, type: GraphQLOutputType, node: FieldNode, indent: string): string {
  if (isListType(type)) return `Array<${outputType(schema, type.ofType, node, indent)}>`;
  if (isScalarType(type)) return scalar(type.name, 'out');
  if (isEnumType(type)) return type.name;
  if (isObjectType(type) || isAbstractType(type)) {
    if (!node.selectionSet) throw new Error(`schema-types: ${node.name.value} needs a selection`);
    return selectionType(schema, type, node.selectionSet, indent);
  }
  throw new Error(`schema-types: unexpected type ${String(type)}`);
}

/** Named operations written `gql(`…`)` in the test sources, each text once. */
export function findDocuments(): { text: string; file: string }[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? walk(full) : full.endsWith('.ts') && !SKIPPED.includes(full) ? [full] : [];
    });
  const found = new Map<string, string>();
  for (const file of DOCUMENT_DIRS.flatMap(walk).sort()) {
    for (const match of readFileSync(file, 'utf8').matchAll(/(?<![.\w])gql\(\s*`((?:[^`$\\]|\$(?!\{))*)`\s*\)/g)) {
      if (!found.has(match[1])) found.set(match[1], relative(ROOT, file));
    }
  }
  return [...found].map(([text, file]) => ({ text, file }));
}

function operationTypes(schema: GraphQLSchema, text: string, file: string): { name: string; code: string } {
  const document = parse(text);
  const errors = validate(schema, document);
  if (errors.length) throw new Error(`schema-types: a document in ${file} does not match schema.gql: ${errors.map((e) => e.message).join('; ')}`);
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  if (operations.length !== 1 || !operations[0].name) throw new Error(`schema-types: a document in ${file} must hold one named operation`);
  const operation = operations[0];
  const name = `${pascal(operation.name!.value)}${pascal(operation.operation)}`;
  const root = schema.getRootType(operation.operation)!;
  const variables = (operation.variableDefinitions ?? []).map((v) => {
    const type = typeFromAST(schema, v.type as never) as GraphQLInputType;
    const optional = !isNonNullType(type) || v.defaultValue !== undefined;
    return `  ${v.variable.name.value}${optional ? '?' : ''}: ${inputType(type)};`;
  });
  const code = [
    `export type ${name} = ${selectionType(schema, root, operation.selectionSet, '')};`,
    `export interface ${name}Variables {${variables.length ? `\n${variables.join('\n')}\n` : ''}}`,
  ].join('\n');
  return { name, code };
}

export function generate(): string {
  const schema = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
  const documents = findDocuments();
  const operations = documents.map((d) => ({ ...d, ...operationTypes(schema, d.text, d.file) }));
  const names = new Map<string, string>();
  for (const op of operations) {
    const other = names.get(op.name);
    if (other) throw new Error(`schema-types: two different documents are both named ${op.name} (${other}, ${op.file}); name them apart`);
    names.set(op.name, op.file);
  }
  return [
    '// Generated by scripts/schema-types.ts from schema.gql and the gql(`…`) documents in test/ (npm run schema). Do not edit.',
    '/* eslint-disable */',
    '',
    '/** A GraphQL document whose result and variables are known (see test/support/gql.ts). */',
    'export interface TypedDocument<Result, Variables> {',
    '  readonly text: string;',
    '  /** Types only: never set. */',
    '  readonly __types?: { result: Result; variables: Variables };',
    '}',
    '',
    ...schemaTypes(schema).flatMap((t) => [t, '']),
    ...operations.flatMap((op) => [`// ${op.file}`, op.code, '']),
    '/** Every document of the tests by its exact text. */',
    'export interface Documents {',
    ...operations.map((op) => `  ${JSON.stringify(op.text)}: TypedDocument<${op.name}, ${op.name}Variables>;`),
    '}',
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const text = generate();
  if (process.argv.includes('--check')) {
    if (readFileSync(TYPES_FILE, 'utf8') !== text) {
      console.error('test/support/schema-types.ts is stale: run npm run schema');
      process.exit(1);
    }
  } else {
    writeFileSync(TYPES_FILE, text);
    console.log(`wrote ${relative(ROOT, TYPES_FILE)}`);
  }
}
