import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse, validate, type GraphQLError } from 'graphql';
import { queryCostLimit } from './query-cost.rule.js';

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

const errorsOf = (query: string, max: number) => validate(schema, parse(query), [queryCostLimit(max).rule]);
const costIn = (error: GraphQLError | undefined) => Number(/cost (\d+)/.exec(error?.message ?? '')?.[1] ?? 0);
const costOf = (query: string) => costIn(errorsOf(query, 0)[0]);

/**
 * One request as the gateway runs it: validation (once per document), then the preExecution hook with the
 * request's variables. Where it was refused and with which errors, or null when it runs.
 */
async function request(query: string, variables: Record<string, unknown> | undefined, max: number) {
  const limit = queryCostLimit(max);
  const document = parse(query);
  const errors = validate(schema, document, [limit.rule]);
  if (errors.length > 0) return { at: 'validation', errors, cost: costIn(errors[0]) };
  try {
    await limit.preExecution(schema, document, {}, variables);
    return null;
  } catch (refusal) {
    const { statusCode, errors: [error] } = refusal as { statusCode: number; errors: GraphQLError[] };
    return { at: 'request', statusCode, errors: [error], cost: costIn(error) };
  }
}

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

  it('counts fragments', () => {
    // 50 + 20 × 2 = 90
    expect(costOf('{ items(first: 20) { ...F } } fragment F on Item { id name }')).toBe(90);
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

describe('query cost limit: a page size given by a variable', () => {
  const PAGE = 'query($n: Int) { items(first: $n) { ...F } } fragment F on Item { id name }';

  it('validation counts it as the smallest page (1), then each request with its value: 20 runs, 30 is refused', async () => {
    // Validation: 50 + 1 × 2 = 52, refused only under a limit of 52.
    expect(costOf(PAGE)).toBe(52);
    expect(errorsOf(PAGE, 52)).toEqual([]);
    // Requests: 50 + 20 × 2 = 90 runs at a limit of 100; 50 + 30 × 2 = 110 is refused.
    expect(await request(PAGE, { n: 20 }, 100)).toBeNull();
    expect(await request(PAGE, { n: 30 }, 100)).toMatchObject({ at: 'request', cost: 110 });
    expect(await request(PAGE, { n: 100_000 }, 100)).toMatchObject({ at: 'request', cost: 200_050 });
  });

  it('a request refused for its variables gets the error a literal page gets at validation (400, same message and extensions)', async () => {
    const byVariable = await request('query($n: Int) { items(first: $n) { id name } }', { n: 30 }, 100);
    const byLiteral = await request('query($n: Int) { items(first: 30) { id name } }', { n: 30 }, 100);
    expect(byLiteral?.at).toBe('validation');
    expect(byVariable?.statusCode).toBe(400);
    expect(byVariable?.errors[0].message).toBe(byLiteral?.errors[0].message);
    expect(byVariable?.errors[0].message).toBe('Query is too expensive: cost 110 exceeds the limit of 100 / クエリが大きすぎます');
    expect(byVariable?.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COSTLY' });
    expect(byVariable?.errors[0].locations).toEqual(byLiteral?.errors[0].locations);
  });

  it('a document too costly even at a page of 1 is refused at validation, whatever the request sends', async () => {
    // 3 × (50 + 1 × 2) = 156 at the smallest page; the request's 20 would be 270.
    const aliases = 'query($n: Int) { a: items(first: $n) { id name } b: items(first: $n) { id name } c: items(first: $n) { id name } }';
    expect(await request(aliases, { n: 20 }, 100)).toMatchObject({ at: 'validation', cost: 156 });
    expect(await request(aliases, { n: 1 }, 100)).toMatchObject({ at: 'validation', cost: 156 });
  });

  it('a variable declared with a default is not bounded by it at validation; a request that leaves it out pays the default', async () => {
    const withDefault = 'query($n: Int = 40) { items(first: $n) { id name } }';
    // A request may send 1 instead: validation counts 52, not 50 + 40 × 2 = 130.
    expect(costOf(withDefault)).toBe(52);
    expect(await request(withDefault, {}, 100)).toMatchObject({ at: 'request', cost: 130 });
    expect(await request(withDefault, undefined, 100)).toMatchObject({ at: 'request', cost: 130 });
    expect(await request(withDefault, { n: 10 }, 100)).toBeNull();
  });

  it('a null or left-out variable without a default pays the argument’s default page (20)', async () => {
    // payments 50 + page × (edges 1 + node 1 + id 1)
    const payments = 'query($n: Int) { payments(first: $n) { edges { node { id } } } }';
    expect(await request(payments, {}, 109)).toMatchObject({ at: 'request', cost: 110 });
    expect(await request(payments, { n: null }, 109)).toMatchObject({ at: 'request', cost: 110 });
    expect(await request(payments, { n: 1 }, 109)).toBeNull();
    // A paginated field without a default page (items) counts the largest page, 100: 50 + 100 × 1.
    expect(await request('query($n: Int) { items(first: $n) { id } }', {}, 149)).toMatchObject({ at: 'request', cost: 150 });
  });

  it('a variable used by nested lists multiplies at each level', async () => {
    const nested = 'query($n: Int!) { items(first: $n) { id children(first: $n) { id } } }';
    // Validation: 50 + 1 × (1 + 1 + 1 × 1) = 53; a request with 10: 50 + 10 × (1 + 1 + 10 × 1) = 170.
    expect(costOf(nested)).toBe(53);
    expect(await request(nested, { n: 10 }, 169)).toMatchObject({ at: 'request', cost: 170 });
    expect(await request(nested, { n: 9 }, 169)).toBeNull();
  });

  it('with several operations, counts the ones the request’s variables fit; bad variables are left to execution', async () => {
    const two = 'query A($n: Int!) { items(first: $n) { id } } query B($m: Int!) { items(first: $m) { id name } }';
    // A: 50 + 60 = 110; B: 50 + 30 × 2 = 110; B with 20: 90.
    expect(await request(two, { n: 60 }, 100)).toMatchObject({ at: 'request', cost: 110 });
    expect(await request(two, { m: 30 }, 100)).toMatchObject({ at: 'request', cost: 110 });
    expect(await request(two, { m: 20 }, 100)).toBeNull();
    expect(await request(PAGE, { n: 'many' }, 100)).toBeNull();
  });
});

