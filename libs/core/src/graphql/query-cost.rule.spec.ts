import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse, validate } from 'graphql';
import { queryCostRule } from './query-cost.rule.js';

const schema = buildSchema(`
  type Item { id: ID! name: String! children(first: Int): [Item!]! }
  type Query { items(first: Int): [Item!]! }
`);

const errorsOf = (query: string, max: number) => validate(schema, parse(query), [queryCostRule(max)]);

describe('query cost limit', () => {
  it('lets a page of 20 items with two fields through a limit of 100', () => {
    // items 1 + 20 × (id + name) = 41
    expect(errorsOf('{ items(first: 20) { id name } }', 100)).toEqual([]);
  });

  it('multiplies nested lists by their page sizes and refuses what goes over, with BAD_USER_INPUT', () => {
    // 1 + 50 × (1 + 1 + 50 × 1) = 2,601
    const errors = errorsOf('{ items(first: 50) { id children(first: 50) { id } } }', 2_000);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toContain('cost 2601 exceeds the limit of 2000');
    expect(errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COSTLY' });
  });

  it('counts fragments, and a page size given by a variable as the largest page', () => {
    const query = 'query($n: Int) { items(first: $n) { ...F } } fragment F on Item { id name }';
    // 1 + 100 × 2 = 201
    expect(errorsOf(query, 201)).toEqual([]);
    expect(errorsOf(query, 200)).toHaveLength(1);
  });
});
