import { describe, expect, it } from '@jest/globals';
import { buildSchema, execute, parse, type GraphQLObjectType } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { plainPropertyFields } from './preloaded-fields.js';

/** A schema resolved as @nestjs/graphql resolves it: every plain field through a `rootFieldResolver`. */
function nestLikeSchema() {
  const schema = buildSchema(`
    type Member { number: String!, name: String, status: String!, label: String }
    type Query { members: [Member!]! }
  `);
  const defaults: Record<string, unknown> = { status: 'ACTIVE' };
  const member = schema.getType('Member') as GraphQLObjectType;
  for (const [name, field] of Object.entries(member.getFields())) {
    const rootFieldResolver = (root: Record<string, unknown>) => (root[name] === undefined ? defaults[name] : root[name]);
    field.resolve = rootFieldResolver;
  }
  member.getFields().label.resolve = (m: { number: string }) => `#${m.number}`;
  schema.getQueryType()!.getFields().members.resolve = () => [{ number: 'P1', name: '山田', status: 'LAPSED' }, { number: 'P2' }];
  return schema;
}

const QUERY = parse('{ members { number name status label } }');
const ANSWER = {
  data: {
    members: [
      { number: 'P1', name: '山田', status: 'LAPSED', label: '#P1' },
      { number: 'P2', name: null, status: 'ACTIVE', label: '#P2' },
    ],
  },
};

describe('plainPropertyFields', () => {
  it('drops Nest’s resolver of plain properties without a default, keeps fields with a default or a resolver of their own', () => {
    const fields = (plainPropertyFields(nestLikeSchema()).getType('Member') as GraphQLObjectType).getFields();
    expect(fields.number.resolve).toBeUndefined();
    expect(fields.name.resolve).toBeUndefined();
    expect(fields.status.resolve).toBeDefined();
    expect(fields.label.resolve).toBeDefined();
  });

  it('answers as before, on graphql-js and on graphql-jit (the default still fills an undefined property)', async () => {
    expect(await execute({ schema: nestLikeSchema(), document: QUERY })).toEqual(ANSWER);
    const schema = plainPropertyFields(nestLikeSchema());
    expect(await execute({ schema, document: QUERY })).toEqual(ANSWER);
    const compiled = compileQuery(schema, QUERY);
    if (!isCompiledQuery(compiled)) throw new Error('not compiled');
    expect(JSON.parse(JSON.stringify(await compiled.query({}, {}, {})))).toEqual(ANSWER);
  });
});
