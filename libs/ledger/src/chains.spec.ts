import { describe, expect, it } from '@jest/globals';
import { chainOf, chainsAmong } from './chains.js';

const federation = 'f0000000-0000-4000-8000-000000000000';
const east = 'e0000000-0000-4000-8000-000000000000';
const west = 'b0000000-0000-4000-8000-000000000000';

describe('chainOf: which of its book’s chains an entry is linked into', () => {
  it('a branch payment with the federation’s share is chained with the federation, and its mirror with the branch', () => {
    const payment = [{ counterpartyBookId: null }, { counterpartyBookId: null }, { counterpartyBookId: federation }];
    expect(chainOf(east, payment)).toBe(federation);
    expect(chainOf(federation, [{ counterpartyBookId: east }, { counterpartyBookId: null }])).toBe(east);
  });

  it('an entry naming no other book, or several, stays in the book’s own chain', () => {
    expect(chainOf(east, [{}, { counterpartyBookId: null }])).toBe(east);
    expect(chainOf(federation, [{ counterpartyBookId: east }, { counterpartyBookId: west }])).toBe(federation);
  });
});

describe('chainsAmong: what lockBooks holds', () => {
  it('each book’s own chain and the chains between them, in one order whatever the order asked', () => {
    const chains = chainsAmong([federation, east, east]);
    expect(chains).toEqual([
      { bookId: east, chainWith: east },
      { bookId: east, chainWith: federation },
      { bookId: federation, chainWith: east },
      { bookId: federation, chainWith: federation },
    ]);
    expect(chainsAmong([east, federation])).toEqual(chains);
  });
});
