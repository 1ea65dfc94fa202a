import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse, validate } from 'graphql';
import { queryCostRule } from './query-cost.rule.js';

const schema = buildSchema(`
  type Money { amount: String! currency: String! }
  type Allocation { id: ID! amount: Money! }
  type Payment { id: ID! amount: Money! allocations: [Allocation!]! invoiceIds: [ID!]! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type PaymentEdge { cursor: String! node: Payment! }
  type PaymentConnection { edges: [PaymentEdge!]! pageInfo: PageInfo! }
  type Item { id: ID! name: String! children(first: Int): [Item!]! }
  type Query {
    items(first: Int): [Item!]!
    payments(first: Int = 20, after: String): PaymentConnection!
    payment(id: ID!): Payment
    paymentsCsv: String!
  }
`);

const errorsOf = (query: string, max: number) => validate(schema, parse(query), [queryCostRule(max)]);
const costOf = (query: string) => {
  const [error] = errorsOf(query, 0);
  return Number(/cost (\d+)/.exec(error?.message ?? '')?.[1] ?? 0);
};

describe('query cost limit', () => {
  it('lets a page of 20 items with two fields through a limit of 100', () => {
    // items 50 + 20 × (id + name) = 90
    expect(costOf('{ items(first: 20) { id name } }')).toBe(90);
    expect(errorsOf('{ items(first: 20) { id name } }', 100)).toEqual([]);
  });

  it('multiplies nested lists by their page sizes and refuses what goes over, with BAD_USER_INPUT', () => {
    // 50 + 50 × (1 + 1 + 50 × 1) = 2,650
    const errors = errorsOf('{ items(first: 50) { id children(first: 50) { id } } }', 2_000);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toContain('cost 2650 exceeds the limit of 2000');
    expect(errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COSTLY' });
  });

  it('counts fragments, and a page size given by a variable as the largest page', () => {
    const query = 'query($n: Int) { items(first: $n) { ...F } } fragment F on Item { id name }';
    // 50 + 100 × 2 = 250
    expect(errorsOf(query, 250)).toEqual([]);
    expect(errorsOf(query, 249)).toHaveLength(1);
  });

  it('a list without `first` costs its default page of 20, not 1', () => {
    // payments 50 + 20 × (edges 1 + 1 × (node 1 + id 1)) = 110
    expect(costOf('{ payments { edges { node { id } } } }')).toBe(110);
    expect(costOf('{ payments(first: 20) { edges { node { id } } } }')).toBe(110);
    // Under the old count (1 for the page) this was 1 + 1 × 3 = 4: now refused at a limit of 100.
    expect(errorsOf('{ payments { edges { node { id } } } }', 100)).toHaveLength(1);
  });

  it('multiplies a list without pagination (allocations) by 10, not a list of scalars', () => {
    // payment 50 + (id 1 + allocations (1 + 10 × (id 1 + amount (1 + 2))) + invoiceIds 1) = 50 + 1 + 41 + 1 = 93
    expect(costOf('{ payment(id: "x") { id allocations { id amount { amount currency } } invoiceIds } }')).toBe(93);
    // A page of 100 payments with their allocations: 50 + 100 × (1 + 1 × (1 + 41)) = 4,350.
    expect(costOf('{ payments(first: 100) { edges { node { allocations { id amount { amount currency } } } } } }')).toBe(4350);
  });

  it('each alias of a root field is a query of its own: 200 aliased exports are refused at 5,000', () => {
    const aliases = Array.from({ length: 200 }, (_, i) => `e${i}: paymentsCsv`).join(' ');
    expect(costOf(`{ ${aliases} }`)).toBe(10_000);
    expect(errorsOf(`{ ${aliases} }`, 5_000)).toHaveLength(1);
    expect(errorsOf('{ a: paymentsCsv b: paymentsCsv }', 5_000)).toEqual([]);
  });

  it('__typename and introspection stay cheap', () => {
    expect(costOf('{ __typename }')).toBe(1);
  });
});
